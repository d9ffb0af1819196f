package dev.tnsrelay.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.admin.cmctl.Cmctl;
import dev.tnsrelay.admin.jmx.InstanceMXBean;
import dev.tnsrelay.admin.jmx.ManagementNames;
import dev.tnsrelay.admin.users.Role;
import dev.tnsrelay.admin.users.Users;
import dev.tnsrelay.instance.JmxMode;
import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.RawTnsClient;
import dev.tnsrelay.testing.TestInstance;
import dev.tnsrelay.tns.RefusePacket;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.management.JMX;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Addresses the IP rate limit blocks, shown and unblocked from the admin model's doors: cmctl ({@code show blocked},
 * {@code unblock}) and remote JMX (the Instance MBean's attribute and operation), with the monitor refused the
 * change and every unblock in the audit log. (REST is the same model call: HostedGatewayIT.)
 */
class BlockedAddressesIT {

    private static final String CMAN = "cman_blk = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=0))\n"
            + "(RULE_LIST=(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept)))\n"
            + "(PARAMETER_LIST=(IP_RATE_COUNT=1)(IP_RATE_INTERVAL=600)(IP_RATE_BLOCK=10)))\n";

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Two connects from 127.0.0.1: the first reaches the listener, the second is over the rate (ORA-12530). */
    private static void block(TestInstance gw, FakeTnsListener db) throws Exception {
        String route = "(DESCRIPTION=(SOURCE_ROUTE=YES)" + gw.address() + db.address()
                + "(CONNECT_DATA=(SERVICE_NAME=sales)))";
        db.enqueue(new FakeTnsListener.Refuse(12514));
        try (RawTnsClient first = new RawTnsClient(gw.port())) {
            assertEquals(12514, RefusePacket.error(first.answer(route)));
        }
        try (RawTnsClient second = new RawTnsClient(gw.port())) {
            assertEquals(12530, RefusePacket.error(second.answer(route)));
        }
    }

    @Test
    void cmctlAndJmxShowTheBlockedAddressAndAnAdministratorUnblocksIt(@TempDir Path dir) throws Exception {
        Users users = Users.in(dir.resolve("state"), Clock.systemUTC());
        users.put("dba", Role.ADMIN, "a-long-dba-password".toCharArray());
        users.put("watcher", Role.MONITOR, "a-long-watch-password".toCharArray());
        try (TestInstance gw = TestInstance.start(dir, CMAN, new JmxMode.Remote("127.0.0.1", freePort()),
                Clock.systemUTC());
             FakeTnsListener db = new FakeTnsListener()) {
            Cmctl cmctl = new Cmctl(gw.admin());
            assertTrue(cmctl.run(TestInstance.WATCHER, "show blocked").startsWith("ADDRESS"));
            assertTrue(cmctl.run(TestInstance.WATCHER, "show blocked").contains("Number of blocked addresses: 0"));

            block(gw, db);
            String shown = cmctl.run(TestInstance.WATCHER, "show blocked");
            assertTrue(shown.contains("127.0.0.1 ") && shown.contains("127.0.0.1:" + gw.port())
                    && shown.contains("Number of blocked addresses: 1"), shown);
            List<Blocked> rows = gw.admin().blocked(TestInstance.WATCHER);
            assertEquals(1, rows.size());
            assertEquals("127.0.0.1", rows.get(0).address());
            assertTrue(rows.get(0).secondsLeft() > 500 && rows.get(0).secondsLeft() <= 600, rows.toString());

            AdminException denied = assertThrows(AdminException.class,
                    () -> cmctl.run(TestInstance.WATCHER, "unblock 127.0.0.1"));
            assertEquals(AdminError.Kind.DENIED, denied.error().kind());
            assertTrue(cmctl.run(TestInstance.ALICE, "unblock 127.0.0.1").startsWith("127.0.0.1 unblocked"));
            assertTrue(gw.admin().blocked(TestInstance.ALICE).isEmpty());
            AdminException notBlocked = assertThrows(AdminException.class,
                    () -> cmctl.run(TestInstance.ALICE, "unblock 127.0.0.1"));
            assertEquals("TNS-04014: 127.0.0.1 is not blocked", notBlocked.getMessage());
            AdminException notAnAddress = assertThrows(AdminException.class,
                    () -> cmctl.run(TestInstance.ALICE, "unblock db1.example.com"));
            assertTrue(notAnAddress.getMessage().contains("'db1.example.com' is not an IP address"),
                    notAnAddress.getMessage());
            assertTrue(cmctl.run(TestInstance.WATCHER, "help").contains("unblock"));

            block(gw, db);
            JMXServiceURL address = new JMXServiceURL(gw.manager.jmxAddress().orElseThrow());
            try (JMXConnector dba = JMXConnectorFactory.connect(address,
                         Map.of(JMXConnector.CREDENTIALS, new String[] {"dba", "a-long-dba-password"}));
                 JMXConnector watcher = JMXConnectorFactory.connect(address,
                         Map.of(JMXConnector.CREDENTIALS, new String[] {"watcher", "a-long-watch-password"}))) {
                String key = "cman_blk@" + gw.port();
                InstanceMXBean asWatcher = JMX.newMXBeanProxy(watcher.getMBeanServerConnection(),
                        ManagementNames.of("Instance", key, null), InstanceMXBean.class);
                List<String> blocked = asWatcher.getBlockedAddresses();
                assertEquals(1, blocked.size());
                assertTrue(blocked.get(0).startsWith("127.0.0.1 on 127.0.0.1:" + gw.port() + " since "), blocked.get(0));
                assertThrows(SecurityException.class, () -> asWatcher.unblock("127.0.0.1"));
                InstanceMXBean asDba = JMX.newMXBeanProxy(dba.getMBeanServerConnection(),
                        ManagementNames.of("Instance", key, null), InstanceMXBean.class);
                asDba.unblock("127.0.0.1");
                assertTrue(asDba.getBlockedAddresses().isEmpty());
                assertThrows(IllegalArgumentException.class, () -> asDba.unblock("127.0.0.1"));
            }
            List<String> audit = Files.readAllLines(gw.audit()).stream().filter(l -> l.contains("unblock")).toList();
            assertTrue(audit.stream().anyMatch(l -> l.contains("user=alice action=\"unblock 127.0.0.1\" outcome=\"done\"")),
                    audit.toString());
            assertTrue(audit.stream().anyMatch(l -> l.contains("user=dba action=\"unblock 127.0.0.1\" outcome=\"done\"")),
                    audit.toString());
            assertTrue(audit.stream().anyMatch(l -> l.contains("user=watcher") && l.contains("permission denied")),
                    audit.toString());
        }
    }
}
