package dev.tnsrelay.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.admin.users.Role;
import dev.tnsrelay.admin.users.Users;
import dev.tnsrelay.instance.JmxMode;
import dev.tnsrelay.testing.TestInstance;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MAX_CMCTL_SESSIONS: the administration sessions open at once — screen logins and remote JMX connections (and a
 * command-line request while it runs) — never exceed it, and one more is refused with cmctl's message, over real
 * authenticated JMX connections.
 */
class AdminSessionsTest {

    private static final String CMAN = """
            cman_sessions =
              (CONFIGURATION =
                (ADDRESS = (PROTOCOL = tcp)(HOST = 127.0.0.1)(PORT = 0))
                (RULE_LIST = (RULE = (SRC = 127.0.0.1)(DST = *)(SRV = *)(ACT = accept)))
                (PARAMETER_LIST = (MAX_CMCTL_SESSIONS = %d)(MIN_GATEWAY_PROCESSES = 1))
              )
            """;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static JMXConnector jmx(JMXServiceURL url, String user, String password) throws Exception {
        return JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[] {user, password}));
    }

    @Test
    void screenLoginsAndJmxConnectionsShareTheLimitAndOneMoreIsRefusedWithTheMessage(@TempDir Path dir)
            throws Exception {
        Users users = Users.in(dir.resolve("state"), Clock.systemUTC());
        users.put("dba", Role.ADMIN, "a-long-dba-password".toCharArray());
        users.put("watcher", Role.MONITOR, "a-long-watch-password".toCharArray());
        try (TestInstance gw = TestInstance.start(dir, CMAN.formatted(2),
                new JmxMode.Remote("127.0.0.1", freePort()), Clock.systemUTC())) {
            Administration admin = gw.admin();
            Caller dba = admin.authenticate("dba", "a-long-dba-password".toCharArray(), "test", "127.0.0.1");
            JMXServiceURL url = new JMXServiceURL(gw.manager.jmxAddress().orElseThrow());

            JMXConnector first = jmx(url, "dba", "a-long-dba-password");
            AdminSession screen = admin.login("watcher", "a-long-watch-password".toCharArray(), "10.0.0.7");
            assertEquals(2, admin.sessions(dba).size());
            assertEquals(Role.MONITOR, screen.caller().role());

            SecurityException third = assertThrows(SecurityException.class,
                    () -> jmx(url, "dba", "a-long-dba-password").close());
            assertTrue(third.getMessage().contains("TNS-04014: MAX_CMCTL_SESSIONS administration sessions are open:"
                    + " MAX_CMCTL_SESSIONS=2"), third.getMessage());
            AdminException login = assertThrows(AdminException.class,
                    () -> admin.login("dba", "a-long-dba-password".toCharArray(), "10.0.0.8"));
            assertEquals(AdminError.TOO_MANY_SESSIONS, login.error());
            AdminException request = assertThrows(AdminException.class, () -> admin.openSession(dba, "REST"));
            assertEquals(AdminError.TOO_MANY_SESSIONS, request.error(), "a command-line request counts too");
            assertTrue(Files.readString(gw.audit()).contains("user=dba action=\"login from 10.0.0.8 (screens)\" outcome=\"failed:"
                    + " TNS-04014: MAX_CMCTL_SESSIONS"), "the refused login is audited");

            first.close();
            assertEquals(1, admin.sessions(dba).size(), "a closed JMX connection ends its session");
            try (JMXConnector again = jmx(url, "dba", "a-long-dba-password")) {
                assertEquals(2, admin.sessions(dba).size());
                screen.close();
                assertTrue(admin.session(screen.id()).isEmpty(), "a logout ends the screen session");
                try (AdminSession cli = admin.openSession(dba, "REST from 127.0.0.1")) {
                    assertEquals(2, admin.sessions(dba).size());
                }
                assertEquals(1, admin.sessions(dba).size(), "a command-line request ends with it");
            }
            assertEquals(0, admin.sessions(dba).size());
        }
    }

    @Test
    void theLimitIsTheRunningInstancesValueAndAReloadChangesIt(@TempDir Path dir) throws Exception {
        Users.in(dir.resolve("state"), Clock.systemUTC()).put("dba", Role.ADMIN, "a-long-dba-password".toCharArray());
        try (TestInstance gw = TestInstance.start(dir, CMAN.formatted(1))) {
            Administration admin = gw.admin();
            Caller dba = admin.authenticate("dba", "a-long-dba-password".toCharArray(), "test", "127.0.0.1");
            try (AdminSession one = admin.openSession(dba, "screens")) {
                assertThrows(AdminException.class, () -> admin.openSession(dba, "JMX"));
                Files.writeString(gw.cmanOra(), CMAN.formatted(2));
                admin.reload(dba);
                try (AdminSession two = admin.openSession(dba, "JMX")) {
                    assertEquals(2, admin.sessions(dba).size());
                }
            }
        }
    }
}
