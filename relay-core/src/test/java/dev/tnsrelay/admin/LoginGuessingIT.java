package dev.tnsrelay.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.admin.users.Role;
import dev.tnsrelay.admin.users.Users;
import dev.tnsrelay.instance.JmxMode;
import dev.tnsrelay.testing.MutableClock;
import dev.tnsrelay.testing.TestInstance;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Password guessing on the model's doors (issue 11, item 7): a screen login and a real remote JMX connector.
 * Five failures are free; then the name and the address wait, the right password included, and every failure is
 * in the audit log with the door and the address. A change of the users file lets a locked-out administrator in.
 */
class LoginGuessingIT {

    private static final String CMAN = "cman_guess = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=0))"
            + "(RULE_LIST=(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept))))";

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static JMXConnector jmx(JMXServiceURL url, String user, String password) throws Exception {
        return JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[] {user, password}));
    }

    private static long lines(Path audit, String text) throws Exception {
        return Files.readAllLines(audit).stream().filter(l -> l.contains(text)).count();
    }

    @Test
    void screensAndJmxSlowGuessesAndWriteEveryFailureWithItsAddress(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock();
        Users users = Users.in(dir.resolve("state"), clock);
        users.put("dba", Role.ADMIN, "a-long-dba-password".toCharArray());
        try (TestInstance gw = TestInstance.start(dir, CMAN, new JmxMode.Remote("127.0.0.1", freePort()), clock)) {
            Administration admin = gw.admin();
            for (int i = 0; i < LoginGuard.FREE; i++) {
                AdminException wrong = assertThrows(AdminException.class,
                        () -> admin.login("dba", "guess".toCharArray(), "10.0.0.9"));
                assertEquals(AdminError.DENIED, wrong.error());
            }
            LoginThrottledException waiting = assertThrows(LoginThrottledException.class,
                    () -> admin.login("dba", "a-long-dba-password".toCharArray(), "10.0.0.9"));
            assertEquals(Duration.ofSeconds(1), waiting.retryAfter());
            assertTrue(waiting.getMessage().startsWith("TNS-12546: TNS:permission denied: too many failed logins"),
                    waiting.getMessage());
            assertEquals(LoginGuard.FREE, lines(gw.audit(),
                    "user=dba action=\"login from 10.0.0.9 (screens)\" outcome=\"failed: wrong user or password\""));
            assertEquals(1, lines(gw.audit(), "user=dba action=\"login from 10.0.0.9 (screens)\" outcome=\"refused"
                    + " unchecked: too many failed logins"));

            clock.advance(Duration.ofSeconds(1));
            admin.login("dba", "a-long-dba-password".toCharArray(), "10.0.0.9").close();

            JMXServiceURL url = new JMXServiceURL(gw.manager.jmxAddress().orElseThrow());
            for (int i = 0; i < LoginGuard.FREE; i++) {
                SecurityException wrong = assertThrows(SecurityException.class, () -> jmx(url, "dba", "guess").close());
                assertEquals("authentication failed: user name or password is wrong", wrong.getMessage());
            }
            SecurityException locked = assertThrows(SecurityException.class,
                    () -> jmx(url, "dba", "a-long-dba-password").close());
            assertTrue(locked.getMessage().contains("too many failed logins") && locked.getMessage()
                    .contains("try again in 1 s"), locked.getMessage());
            assertEquals(LoginGuard.FREE, lines(gw.audit(),
                    "user=dba action=\"login from 127.0.0.1 (JMX)\" outcome=\"failed: wrong user or password\""));
            List<AdminEvent> logins = admin.events(TestInstance.ALICE, 0, 100).stream()
                    .filter(e -> e.kind().equals("login")).toList();
            assertEquals(2 * LoginGuard.FREE + 3, logins.size(), "every failure is an event too: " + logins);

            // the way back for a locked-out administrator: a new password (bin/tnsrelay-passwd) lifts every wait
            clock.advance(Duration.ofMillis(10));
            users.put("dba", Role.ADMIN, "a-new-dba-password".toCharArray());
            try (JMXConnector in = jmx(url, "dba", "a-new-dba-password")) {
                assertTrue(in.getMBeanServerConnection().getMBeanCount() > 0);
            }
        }
    }

    @Test
    void guessingOtherNamesFromOneAddressOrOneNameFromManyIsSlowedAlike(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock();
        Users.in(dir.resolve("state"), clock).put("dba", Role.ADMIN, "a-long-dba-password".toCharArray());
        try (TestInstance gw = TestInstance.start(dir, CMAN, new JmxMode.None(), clock)) {
            Administration admin = gw.admin();
            for (String name : List.of("root", "oracle", "system", "sys", "admin")) {
                assertThrows(AdminException.class, () -> admin.authenticate(name, "x".toCharArray(), "HTTP Basic",
                        "10.1.1.1"));
            }
            assertThrows(LoginThrottledException.class, () -> admin.authenticate("dba", "a-long-dba-password"
                    .toCharArray(), "HTTP Basic", "10.1.1.1"), "the address waits, whatever the name");
            assertEquals(Role.ADMIN, admin.authenticate("dba", "a-long-dba-password".toCharArray(), "HTTP Basic",
                    "10.2.2.2").role(), "another address and name are not slowed");

            for (int i = 0; i < LoginGuard.FREE; i++) {
                String from = "10.3.3." + i;
                assertThrows(AdminException.class, () -> admin.authenticate("dba", "x".toCharArray(), "JMX", from));
            }
            assertThrows(LoginThrottledException.class, () -> admin.authenticate("dba", "a-long-dba-password"
                    .toCharArray(), "JMX", "10.4.4.4"), "the name waits, wherever it comes from");
        }
    }
}
