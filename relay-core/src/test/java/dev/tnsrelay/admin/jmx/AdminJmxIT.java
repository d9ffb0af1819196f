package dev.tnsrelay.admin.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.admin.users.Role;
import dev.tnsrelay.admin.users.Users;
import dev.tnsrelay.instance.JmxMode;
import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.RawTnsClient;
import dev.tnsrelay.testing.TestInstance;
import dev.tnsrelay.tns.PacketType;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin MXBeans over a real, authenticated remote JMX connection, with a real ojdbc client. */
class AdminJmxIT {

    private static final String CMAN = "cman_jmx = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=0))\n"
            + "  (RULE_LIST=(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept)))\n  (PARAMETER_LIST=(MIN_GATEWAY_PROCESSES=2)))\n";

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static int ojdbcError(String descriptor) {
        Properties p = new Properties();
        p.setProperty("user", "scott");
        p.setProperty("password", "tiger");
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:oracle:thin:@" + descriptor, p).close());
        return e.getErrorCode();
    }

    @Test
    void rulesChangedOverRemoteJmxMeetTheNextOjdbcConnectAndDropNoSession(@TempDir Path dir) throws Exception {
        Users users = Users.in(dir.resolve("state"), Clock.systemUTC());
        users.put("dba", Role.ADMIN, "a-long-dba-password".toCharArray());
        users.put("watcher", Role.MONITOR, "a-long-watch-password".toCharArray());
        try (TestInstance gw = TestInstance.start(dir, CMAN, new JmxMode.Remote("127.0.0.1", freePort()),
                Clock.systemUTC());
             FakeTnsListener db = new FakeTnsListener();
             RawTnsClient established = new RawTnsClient(gw.port())) {
            String sales = "(DESCRIPTION=(SOURCE_ROUTE=YES)" + gw.address() + db.address()
                    + "(CONNECT_DATA=(SERVICE_NAME=sales)))";
            db.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
            assertEquals(PacketType.ACCEPT, established.handshake(sales));

            JMXServiceURL address = new JMXServiceURL(gw.manager.jmxAddress().orElseThrow());
            try (JMXConnector dba = JMXConnectorFactory.connect(address,
                         Map.of(JMXConnector.CREDENTIALS, new String[] {"dba", "a-long-dba-password"}));
                 JMXConnector watcher = JMXConnectorFactory.connect(address,
                         Map.of(JMXConnector.CREDENTIALS, new String[] {"watcher", "a-long-watch-password"}))) {
                String key = "cman_jmx@" + gw.port();
                MBeanServerConnection connection = dba.getMBeanServerConnection();
                RuleListMXBean rules = JMX.newMXBeanProxy(connection, ManagementNames.of("RuleList", key, null),
                        RuleListMXBean.class);

                rules.insert(1, "(RULE=(SRC=*)(DST=*)(SRV=sales)(ACT=reject))");
                assertEquals(12529, ojdbcError(sales), "the rule added over JMX rejects the next connect");
                assertTrue(db.nothingReceived() || db.connections() == 1, "the listener saw nothing of it");
                assertTrue(Files.readString(dir.resolve("cman.ora")).contains("(SRV = sales)(ACT = reject)"));

                rules.remove(1);
                db.enqueue(new FakeTnsListener.Refuse(12514));
                assertEquals(12514, ojdbcError(sales), "through to the listener, whose answer comes back");
                assertTrue(established.echoes(50_000), "the session established before both changes still relays");

                IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                        () -> rules.add("(RULE=(SRC=10.*)(DST=*)(SRV=*)(ACT=accept))"));
                assertTrue(bad.getMessage().startsWith("rule 1:1:7: SRC: partial wildcards"), bad.getMessage());

                ConnectionsMXBean connections = JMX.newMXBeanProxy(watcher.getMBeanServerConnection(),
                        ManagementNames.of("Connections", key, null), ConnectionsMXBean.class);
                List<ConnectionRow> rows = connections.show("in established");
                assertEquals(1, rows.size());
                assertEquals("sales", rows.get(0).service());
                assertTrue(rows.get(0).bytesIn() >= 50_000);

                RuleListMXBean watcherRules = JMX.newMXBeanProxy(watcher.getMBeanServerConnection(),
                        ManagementNames.of("RuleList", key, null), RuleListMXBean.class);
                assertEquals(List.of("(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept))"), watcherRules.getRules());
                assertThrows(SecurityException.class, () -> watcherRules.add("(RULE=(SRC=*)(DST=*)(SRV=*)(ACT=accept))"));
                assertThrows(SecurityException.class, () -> connections.close(""));

                GatewayMXBean gateway1 = JMX.newMXBeanProxy(connection, ManagementNames.of("Gateway", key, 1),
                        GatewayMXBean.class);
                gateway1.suspend();
                assertEquals("SUSPENDED", gateway1.getState());
                gateway1.resume();

                InstanceMXBean instance = JMX.newMXBeanProxy(connection, ManagementNames.of("Instance", key, null),
                        InstanceMXBean.class);
                instance.setParameter("IDLE_TIMEOUT", "120");
                assertEquals("120", instance.getParameters().get("IDLE_TIMEOUT"));
                assertTrue(instance.getStatus().contains("cman_jmx"));

                assertEquals(1, connections.count(""));
                String audit = Files.readString(gw.audit());
                assertTrue(audit.contains("user=dba action=\"rule insert 1"), audit);
                assertTrue(audit.contains("user=dba action=\"suspend gateway 1\" outcome=\"done\""), audit);

                InstanceMXBean watching = JMX.newMXBeanProxy(watcher.getMBeanServerConnection(),
                        ManagementNames.of("Instance", key, null), InstanceMXBean.class);
                assertThrows(SecurityException.class, watching::shutdownAbort);
                assertThrows(SecurityException.class, () -> watcher.getMBeanServerConnection().invoke(
                        new ObjectName("java.lang:type=Memory"), "gc", null, null), "nor a platform MBean's operation");
                instance.shutdownAbort();
                assertEquals("STOPPED", instance.getState());
                assertEquals("STOPPED", gateway1.getState());
                assertFalse(instance.isReady());
                IllegalArgumentException stopped = assertThrows(IllegalArgumentException.class, instance::reload);
                assertTrue(stopped.getMessage().startsWith("TNS-04011"), stopped.getMessage());
                instance.startup();
                assertEquals("RUNNING", instance.getState());
                db.enqueue(new FakeTnsListener.Refuse(12514));
                assertEquals(12514, ojdbcError("(DESCRIPTION=(SOURCE_ROUTE=YES)" + gw.address() + db.address()
                        + "(CONNECT_DATA=(SERVICE_NAME=sales)))"), "started again over JMX (PORT=0: a new port)");
            }
        }
    }

    @Test
    void wrongOrNoCredentialsAreRefused(@TempDir Path dir) throws Exception {
        Users.in(dir.resolve("state"), Clock.systemUTC()).put("dba", Role.ADMIN, "a-long-dba-password".toCharArray());
        try (TestInstance gw = TestInstance.start(dir, CMAN, new JmxMode.Remote("127.0.0.1", freePort()),
                Clock.systemUTC())) {
            JMXServiceURL address = new JMXServiceURL(gw.manager.jmxAddress().orElseThrow());
            assertThrows(SecurityException.class, () -> JMXConnectorFactory.connect(address).close());
            assertThrows(SecurityException.class, () -> JMXConnectorFactory.connect(address,
                    Map.of(JMXConnector.CREDENTIALS, new String[] {"dba", "wrong-password-x"})).close());
        }
    }

    /**
     * What a remote console reaches (issue 11, item 8), for an administrator and a monitor alike: tnsrelay's MXBeans,
     * a few platform figures, and nothing else of the JVM — no system properties or JVM arguments, no diagnostic
     * command, VM option, thread dump or garbage collection, no MBean created or removed.
     */
    @Test
    void aRemoteConsoleReachesTnsrelayAndAFewPlatformFiguresAndNothingElse(@TempDir Path dir) throws Exception {
        Users users = Users.in(dir.resolve("state"), Clock.systemUTC());
        users.put("dba", Role.ADMIN, "a-long-dba-password".toCharArray());
        users.put("watcher", Role.MONITOR, "a-long-watch-password".toCharArray());
        try (TestInstance gw = TestInstance.start(dir, CMAN, new JmxMode.Remote("127.0.0.1", freePort()),
                Clock.systemUTC())) {
            JMXServiceURL address = new JMXServiceURL(gw.manager.jmxAddress().orElseThrow());
            ObjectName instance = ManagementNames.of("Instance", "cman_jmx@" + gw.port(), null);
            ObjectName runtime = new ObjectName("java.lang:type=Runtime");
            ObjectName diagnostic = new ObjectName("com.sun.management:type=DiagnosticCommand");
            ObjectName hotspot = new ObjectName("com.sun.management:type=HotSpotDiagnostic");
            for (String[] who : List.of(new String[] {"dba", "a-long-dba-password"},
                    new String[] {"watcher", "a-long-watch-password"})) {
                try (JMXConnector c = JMXConnectorFactory.connect(address, Map.of(JMXConnector.CREDENTIALS, who))) {
                    MBeanServerConnection s = c.getMBeanServerConnection();
                    assertEquals("RUNNING", s.getAttribute(instance, "State"), who[0]);
                    assertTrue((Long) s.getAttribute(runtime, "Uptime") > 0);
                    assertTrue(s.getAttribute(new ObjectName("java.lang:type=Memory"), "HeapMemoryUsage") != null);
                    assertTrue((Integer) s.getAttribute(new ObjectName("java.lang:type=Threading"), "ThreadCount") > 0);
                    assertTrue((Integer) s.getAttribute(new ObjectName("java.lang:type=OperatingSystem"),
                            "AvailableProcessors") > 0);
                    assertEquals(List.of("Uptime"), s.getAttributes(runtime, new String[] {"Uptime", "SystemProperties",
                            "InputArguments"}).asList().stream().map(javax.management.Attribute::getName).toList(),
                            "of several attributes, only the figures");

                    for (String secret : List.of("SystemProperties", "InputArguments", "ClassPath", "BootClassPath",
                            "LibraryPath", "Name")) {
                        assertThrows(SecurityException.class, () -> s.getAttribute(runtime, secret), secret);
                    }
                    assertThrows(SecurityException.class, () -> s.getMBeanInfo(diagnostic));
                    assertThrows(SecurityException.class, () -> s.invoke(diagnostic, "vmFlags",
                            new Object[] {new String[0]}, new String[] {String[].class.getName()}));
                    assertThrows(SecurityException.class, () -> s.invoke(diagnostic, "jvmtiAgentLoad",
                            new Object[] {new String[] {"/tmp/agent.so"}}, new String[] {String[].class.getName()}));
                    assertThrows(SecurityException.class, () -> s.invoke(hotspot, "setVMOption",
                            new Object[] {"PrintConcurrentLocks", "true"},
                            new String[] {String.class.getName(), String.class.getName()}));
                    assertThrows(SecurityException.class, () -> s.invoke(new ObjectName("java.lang:type=Memory"), "gc",
                            null, null));
                    assertThrows(SecurityException.class, () -> s.invoke(new ObjectName("java.lang:type=Threading"),
                            "dumpAllThreads", new Object[] {true, true}, new String[] {"boolean", "boolean"}));
                    assertThrows(SecurityException.class, () -> s.setAttribute(new ObjectName("java.lang:type=Threading"),
                            new javax.management.Attribute("ThreadCpuTimeEnabled", false)));
                    assertThrows(SecurityException.class, () -> s.createMBean("javax.management.loading.MLet",
                            new ObjectName("evil:type=MLet")));
                    assertThrows(SecurityException.class, () -> s.unregisterMBean(instance), "not even tnsrelay's own");

                    java.util.Set<ObjectName> seen = s.queryNames(null, null);
                    assertTrue(seen.contains(instance) && seen.contains(runtime), seen.toString());
                    assertTrue(seen.stream().allMatch(n -> n.getDomain().equals("dev.tnsrelay")
                            || n.getDomain().equals("java.lang")), "only what may be read is listed: " + seen);
                    assertTrue(!seen.contains(new ObjectName("java.lang:type=Compilation")));
                    assertTrue(s.isRegistered(instance) && !s.isRegistered(diagnostic));
                }
            }
            String audit = Files.readString(gw.audit());
            assertTrue(audit.contains("user=dba action=\"jmx invoke com.sun.management:type=DiagnosticCommand"
                    + " jvmtiAgentLoad\" outcome=\"refused: platform operations are refused remotely\""), audit);
            assertTrue(audit.contains("user=watcher action=\"jmx createMBean javax.management.loading.MLet"), audit);
            assertTrue(ManagementFactory.getPlatformMBeanServer().isRegistered(instance), "still there");
        }
    }
}
