package dev.tnsrelay.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.admin.AdminEvent;
import dev.tnsrelay.admin.AdminException;
import dev.tnsrelay.admin.Administration;
import dev.tnsrelay.descriptor.Address;
import dev.tnsrelay.descriptor.ServerType;
import dev.tnsrelay.registry.HandlerState;
import dev.tnsrelay.registry.Registration;
import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.RawTnsClient;
import dev.tnsrelay.testing.TestInstance;
import dev.tnsrelay.tns.PacketType;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log forging (issue 11, item 6), place by place: text a client or a would-be administrator controls — with a line
 * feed, a carriage return, a double quote, and 100,000 characters (30,000 on the wire, where a connect request
 * holds at most 32 KiB) — reaches the server log, the instance log, the audit log and the events escaped, on one
 * line, and bounded. Each test also finds the escaped text, so that it cannot pass by logging nothing.
 */
class LogForgingIT {

    /** A forged audit line after a line feed, then a carriage return and a forged instance-log line. */
    private static final String FORGED = "mallory\nuser=admin action=\"shutdown abort\" outcome=\"done\"\r\n"
            + "2026-01-01T00:00:00.000Z user admin forged=\"yes\"";
    private static final String ESCAPED = "mallory\\nuser=admin action=\\\"shutdown abort\\\"";
    private static final String HUGE = "h".repeat(100_000);
    /** The longest value that fits a CONNECT (32 KiB of connect data). */
    private static final String HUGE_ON_THE_WIRE = "w".repeat(30_000);
    /** A line longer than this was not bounded: five bounded fields and their names fit well within it. */
    private static final int BOUND = 4_096;

    private static final String CMAN = "cman_forge = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=0))"
            + "(RULE_LIST=(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept)))"
            + "(PARAMETER_LIST=(LOG_DIRECTORY=%s)(LOG_LEVEL=support)(CONNECTION_STATISTICS=yes)))";

    /** Every record of tnsrelay's loggers, DEBUG included, as the server log would format its message. */
    private final List<String> serverLog = new CopyOnWriteArrayList<>();
    private final Logger tnsrelay = Logger.getLogger("dev.tnsrelay");
    private final Handler capture = new Handler() {
        private final SimpleFormatter format = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
            serverLog.add(r.getLoggerName() + ": " + format.formatMessage(r));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level levelBefore;

    @BeforeEach
    void captureTheServerLog() {
        levelBefore = tnsrelay.getLevel();
        tnsrelay.setLevel(Level.ALL);
        tnsrelay.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        tnsrelay.removeHandler(capture);
        tnsrelay.setLevel(levelBefore);
    }

    private static TestInstance start(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("log"));
        return TestInstance.start(dir, CMAN.formatted(dir.resolve("log")), new JmxMode.Remote("127.0.0.1", freePort()),
                Clock.systemUTC());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Every line of {@code lines} is one bounded line; one of them has the escaped forgery. */
    private static void oneBoundedLineEach(String where, List<String> lines, String escaped) {
        for (String line : lines) {
            assertTrue(line.indexOf('\n') < 0 && line.indexOf('\r') < 0, () -> where + ": a line break in " + line);
            assertTrue(line.length() < BOUND, () -> where + ": " + line.length() + " characters: "
                    + line.substring(0, Math.min(200, line.length())));
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains(escaped)), where + ": nothing escaped found in " + lines);
    }

    private List<String> serverLog(String logger) {
        return serverLog.stream().filter(l -> l.startsWith(logger)).toList();
    }

    private static String noRoute(String service) {
        return "(DESCRIPTION=(CONNECT_DATA=(SERVICE_NAME=\"" + service.replace("\"", "\\\"") + "\")))";
    }

    @Test
    void theGatewaysServerLogLines(@TempDir Path dir) throws Exception {
        try (TestInstance gw = start(dir); FakeTnsListener db = new FakeTnsListener()) {
            for (String service : List.of(FORGED, HUGE_ON_THE_WIRE)) {
                try (RawTnsClient c = new RawTnsClient(gw.port())) {
                    assertEquals(PacketType.REFUSE, c.handshake(noRoute(service)), "no next hop for it: refused");
                }
            }
            db.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
            try (RawTnsClient c = new RawTnsClient(gw.port())) { // CONN_STATS at its end names the service
                assertEquals(PacketType.ACCEPT, c.handshake("(DESCRIPTION=(SOURCE_ROUTE=YES)" + gw.address()
                        + db.address() + "(CONNECT_DATA=(SERVICE_NAME=\"" + FORGED.replace("\"", "\\\"") + "\")))"));
            }
            gw.manager.close();
        }
        oneBoundedLineEach("gateway", serverLog("dev.tnsrelay.gateway"), ESCAPED);
        assertTrue(serverLog("dev.tnsrelay.gateway").stream().anyMatch(l -> l.contains("CONN_STATS")
                && l.contains(ESCAPED)), "the statistics line too");
        assertTrue(serverLog("dev.tnsrelay.gateway").stream().anyMatch(l -> l.contains("w…(+")), "the long one cut");
    }

    @Test
    void theInstanceLog(@TempDir Path dir) throws Exception {
        try (TestInstance gw = start(dir)) {
            for (String service : List.of(FORGED, HUGE_ON_THE_WIRE)) {
                try (RawTnsClient c = new RawTnsClient(gw.port())) {
                    assertEquals(PacketType.REFUSE, c.handshake(noRoute(service)));
                }
            }
        } // closed: every line is in the file
        List<String> lines = Files.readAllLines(dir.resolve("log").resolve("cman_forge.log"));
        oneBoundedLineEach("instance log", lines, ESCAPED);
        assertTrue(lines.stream().allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z \\w+ \\w+ .*")),
                "every line is one of the log's own: " + lines);
    }

    @Test
    void theAuditLogAndTheEvents(@TempDir Path dir) throws Exception {
        try (TestInstance gw = start(dir)) {
            Administration admin = gw.admin();
            for (String name : List.of(FORGED, HUGE)) {
                assertThrows(AdminException.class, () -> admin.login(name, "guess".toCharArray(), "10.0.0.7"));
            }
            assertThrows(RuntimeException.class, () -> admin.addRule(TestInstance.ALICE, FORGED + HUGE));
            assertThrows(RuntimeException.class, () -> admin.set(TestInstance.ALICE, FORGED, HUGE));
            List<String> audit = Files.readAllLines(gw.audit());
            assertEquals(4, audit.size(), "one line per action: " + audit);
            oneBoundedLineEach("audit.log", audit, ESCAPED);
            assertTrue(audit.get(1).contains(" user=" + "h".repeat(128) + "…(+99872 chars) action="), audit.get(1));
            oneBoundedLineEach("audit in the server log", serverLog("dev.tnsrelay.audit"), ESCAPED);

            List<String> events = admin.events(TestInstance.ALICE, 0, 100).stream().map(AdminEvent::text).toList();
            oneBoundedLineEach("events", events, ESCAPED);
        }
    }

    @Test
    void remoteJmxLogins(@TempDir Path dir) throws Exception {
        try (TestInstance gw = start(dir)) {
            JMXServiceURL url = new JMXServiceURL(gw.manager.jmxAddress().orElseThrow());
            for (String name : List.of(FORGED, HUGE)) {
                assertThrows(SecurityException.class, () -> JMXConnectorFactory.connect(url,
                        Map.of(JMXConnector.CREDENTIALS, new String[] {name, "guess"})).close());
            }
            List<String> audit = Files.readAllLines(gw.audit());
            assertEquals(2, audit.size(), "one line per failed login: " + audit);
            oneBoundedLineEach("JMX logins in audit.log", audit, ESCAPED);
            assertTrue(audit.stream().allMatch(l -> l.contains("action=\"login from 127.0.0.1 (JMX)\"")), audit.toString());
            oneBoundedLineEach("JMX in the server log", serverLog("dev.tnsrelay."), ESCAPED);
        }
    }

    @Test
    void theServiceRegistry(@TempDir Path dir) throws Exception {
        try (TestInstance gw = start(dir)) {
            Administration admin = gw.admin();
            dev.tnsrelay.registry.Handler handler = new dev.tnsrelay.registry.Handler("h1", Address.tcp("127.0.0.1", 1521), ServerType.DEDICATED, 0, 10,
                    HandlerState.READY);
            admin.register(TestInstance.ALICE, new Registration(FORGED, HUGE, "node1", List.of(handler),
                    Duration.ofSeconds(60)), InetAddress.getLoopbackAddress());
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> admin.register(
                    TestInstance.ALICE, new Registration(HUGE, FORGED, "node2", List.of(handler), Duration.ofSeconds(60)),
                    InetAddress.getByName("192.0.2.7")), "valid node checking: not this machine");
            assertTrue(refused.getMessage().startsWith("TNS-01182"), refused.getMessage());
            admin.unregister(TestInstance.ALICE, FORGED, HUGE);
        }
        List<String> lines = Files.readAllLines(dir.resolve("log").resolve("cman_forge.log"));
        oneBoundedLineEach("registrations in the instance log", lines, ESCAPED);
        assertTrue(lines.stream().filter(l -> l.contains("reg_and_load")).count() >= 3, lines.toString());
        assertTrue(serverLog("dev.tnsrelay.registry").stream().allMatch(l -> l.length() < BOUND));
    }
}
