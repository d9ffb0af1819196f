package dev.tnsrelay.admin.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.admin.Administration;
import dev.tnsrelay.admin.AuditLog;
import dev.tnsrelay.admin.Role;
import dev.tnsrelay.admin.Users;
import dev.tnsrelay.config.CmanOraFile;
import dev.tnsrelay.gateway.ManagementNames;
import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.Gateways;
import dev.tnsrelay.testing.RawTnsClient;
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
import java.util.Optional;
import java.util.Properties;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
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
        Files.writeString(dir.resolve("cman.ora"), CMAN);
        Users users = Users.in(dir);
        users.put("dba", Role.ADMIN, "a-long-dba-password".toCharArray());
        users.put("watcher", Role.MONITOR, "a-long-watch-password".toCharArray());
        try (Gateways gw = Gateways.fromFile(dir.resolve("cman.ora"));
             FakeTnsListener db = new FakeTnsListener();
             RawTnsClient established = new RawTnsClient(gw.port())) {
            Administration admin = new Administration(gw.engine, CmanOraFile.of(dir.resolve("cman.ora"), "cman_jmx"),
                    new AuditLog(Optional.of(dir.resolve("audit.log")), gw.engine.events(), Clock.systemUTC()),
                    name -> {
                        throw new IllegalArgumentException("no naming");
                    });
            String sales = "(DESCRIPTION=(SOURCE_ROUTE=YES)" + gw.address() + db.address()
                    + "(CONNECT_DATA=(SERVICE_NAME=sales)))";
            db.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
            assertEquals(PacketType.ACCEPT, established.handshake(sales));

            try (AdminMBeans beans = AdminMBeans.register(admin, gw.engine.registry(), gw.engine.managementKey());
                 RemoteJmx jmx = RemoteJmx.start("127.0.0.1", freePort(), users, ManagementFactory.getPlatformMBeanServer());
                 JMXConnector dba = JMXConnectorFactory.connect(jmx.address(),
                         Map.of(JMXConnector.CREDENTIALS, new String[] {"dba", "a-long-dba-password"}));
                 JMXConnector watcher = JMXConnectorFactory.connect(jmx.address(),
                         Map.of(JMXConnector.CREDENTIALS, new String[] {"watcher", "a-long-watch-password"}))) {
                String key = gw.engine.managementKey();
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
                assertEquals("sales", rows.get(0).getService());
                assertTrue(rows.get(0).getBytesIn() >= 50_000);

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
                String audit = Files.readString(dir.resolve("audit.log"));
                assertTrue(audit.contains("user=dba action=\"rule insert 1"), audit);
                assertTrue(audit.contains("user=dba action=\"suspend gateway 1\" outcome=\"done\""), audit);
            }
        }
    }

    @Test
    void wrongOrNoCredentialsAreRefused(@TempDir Path dir) throws Exception {
        Users users = Users.in(dir);
        users.put("dba", Role.ADMIN, "a-long-dba-password".toCharArray());
        try (RemoteJmx jmx = RemoteJmx.start("127.0.0.1", freePort(), users, ManagementFactory.getPlatformMBeanServer())) {
            assertThrows(SecurityException.class, () -> JMXConnectorFactory.connect(jmx.address()).close());
            assertThrows(SecurityException.class, () -> JMXConnectorFactory.connect(jmx.address(),
                    Map.of(JMXConnector.CREDENTIALS, new String[] {"dba", "wrong-password-x"})).close());
        }
    }
}
