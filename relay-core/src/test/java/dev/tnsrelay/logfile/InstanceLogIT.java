package dev.tnsrelay.logfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.admin.AdminException;
import dev.tnsrelay.admin.Caller;
import dev.tnsrelay.admin.cmctl.Cmctl;
import dev.tnsrelay.config.CmanParameter;
import dev.tnsrelay.gateway.SessionInfo;
import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.RawTnsClient;
import dev.tnsrelay.tns.PacketType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LOG_DIRECTORY, LOG_LEVEL, LOG_FILELEN/LOG_FILENO and EVENT_GROUP with real sessions through a real gateway. */
class InstanceLogIT {

    private static final String ACCEPT_LOCAL = "(RULE=(SRC=127.0.0.1)(DST=*)(SRV=payroll)(ACT=reject))"
            + "(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept))";

    private static String route(LoggedInstance gw, FakeTnsListener db, String service) {
        return "(DESCRIPTION=(SOURCE_ROUTE=YES)" + gw.address() + db.address()
                + "(CONNECT_DATA=(SERVICE_NAME=" + service + ")))";
    }

    /** One session relayed end to end: handshake, {@code n} bytes echoed, the client closes. */
    private static SessionInfo relay(LoggedInstance gw, FakeTnsListener db, String service, int n) throws Exception {
        db.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
        try (RawTnsClient client = new RawTnsClient(gw.port())) {
            assertEquals(PacketType.ACCEPT, client.handshake(route(gw, db, service)));
            assertTrue(client.echoes(n));
        }
        return gw.awaitEnd();
    }

    private static List<String> matching(List<String> lines, String regex) {
        Pattern p = Pattern.compile(regex);
        return lines.stream().filter(l -> p.matcher(l).find()).toList();
    }

    @Test
    void sessionsStartAndEndAtAdminAndSetLogLevelSupportAddsTheHandshakeAtOnce(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("log");
        try (FakeTnsListener db = new FakeTnsListener();
             LoggedInstance gw = LoggedInstance.start(ACCEPT_LOCAL, "(LOG_DIRECTORY=" + dir + ")(LOG_LEVEL=admin)")) {
            assertEquals(dir.resolve("cman_test.log"), gw.log.file().orElseThrow());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(gw.log.file().get())));

            SessionInfo first = relay(gw, db, "sales", 1000);
            List<String> lines = gw.lines();
            assertEquals(1, matching(lines, "^\\S+Z user init_and_term instance=\"cman_test\" started listening=\\[.*\\]"
                    + " gateways=2$").size(), lines.toString());
            assertEquals(2, matching(lines, "^\\S+Z admin proc_mgmt gateway=\\d started$").size(), lines.toString());
            assertEquals(1, matching(lines, "admin conn_hdlg session=" + first.id() + " established client=127\\.0\\.0\\.1:\\d+"
                    + " server=\"127\\.0\\.0\\.1:" + db.port() + "\" service=\"sales\" gateway=\\d"
                    + " program=\"[^\"]*\" host=\"[^\"]*\" user=\"[^\"]*\"$").size(), lines.toString());
            assertEquals(1, matching(lines, "admin relay session=" + first.id() + " ended .* service=\"sales\" .*"
                    + "duration_ms=\\d+ bytes_in=" + first.bytesIn() + " bytes_out=" + first.bytesOut()
                    + " program=\"[^\"]*\" host=\"[^\"]*\" user=\"[^\"]*\" cause=\"closed\"$").size(),
                    lines.toString());
            assertTrue(first.bytesIn() > 1000 && first.bytesOut() > 1000, "the echoed bytes are counted: " + first);
            assertEquals(List.of(), matching(lines, "session=\\d+ opened"), "the handshake is support's detail");

            gw.engine.set(CmanParameter.LOG_LEVEL, "support");
            gw.log.apply(gw.engine.parameters());
            SessionInfo second = relay(gw, db, "hr", 10);
            lines = gw.lines();
            assertEquals(1, matching(lines, "user cmd_proc parameter=LOG_LEVEL changed from=\"admin\" to=\"support\"$")
                    .size(), lines.toString());
            assertEquals(1, matching(lines, "support conn_hdlg session=" + second.id() + " opened client=127\\.0\\.0\\.1:\\d+"
                    + " gateway=\\d$").size(), lines.toString());
            assertEquals(1, matching(lines, "admin relay session=" + second.id() + " ended").size(), lines.toString());
        }
    }

    @Test
    void aRealClientsRefusalIsAUserLineAndAPayloadCannotForgeALine(@TempDir Path dir) throws Exception {
        try (LoggedInstance gw = LoggedInstance.start(ACCEPT_LOCAL, "(LOG_DIRECTORY=" + dir + ")(LOG_LEVEL=user)")) {
            Properties p = new Properties();
            p.setProperty("user", "scott");
            p.setProperty("password", "tiger");
            SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:oracle:thin:@"
                    + "(DESCRIPTION=(SOURCE_ROUTE=YES)" + gw.address() + "(ADDRESS=(PROTOCOL=TCP)(HOST=127.0.0.1)"
                    + "(PORT=9))(CONNECT_DATA=(SERVICE_NAME=payroll)))", p).close());
            assertEquals(12529, e.getErrorCode(), e.getMessage());
            gw.awaitEnd();
            try (RawTnsClient raw = new RawTnsClient(gw.port())) {
                // a quoted service name with a line end and a quote: one line, one field
                raw.handshake("(DESCRIPTION=(SOURCE_ROUTE=YES)" + gw.address() + "(ADDRESS=(PROTOCOL=TCP)(HOST=127.0.0.1)"
                        + "(PORT=9))(CONNECT_DATA=(SERVICE_NAME=\"payroll\n2026-01-01T00:00:00.000Z user forged\")))");
            }
            gw.awaitEnd();
            List<String> lines = gw.lines();
            assertEquals(1, matching(lines, "^\\S+Z user conn_hdlg session=\\d+ refused client=127\\.0\\.0\\.1:\\d+"
                    + " service=\"payroll\" error=ORA-12529 reason=rule detail=\"rejected by the rule at test cman\\.ora:2:")
                    .size(), lines.toString());
            assertEquals(List.of(), matching(lines, "^2026-01-01"), "no line starts where the client's text does");
            assertFalse(lines.stream().anyMatch(l -> l.contains(" established ") || l.contains(" ended ")),
                    "user level: refusals, not sessions");
        }
    }

    @Test
    void theLogRotatesAtLogFilelenAndKeepsLogFilenoFiles(@TempDir Path dir) throws Exception {
        try (LoggedInstance gw = LoggedInstance.start(ACCEPT_LOCAL, "(LOG_DIRECTORY=" + dir + ")(LOG_LEVEL=support)"
                + "(LOG_FILELEN=1)(LOG_FILENO=3)")) {
            long last = 0;
            for (int i = 0; i < 12; i++) {
                try (RawTnsClient raw = new RawTnsClient(gw.port())) {
                    assertEquals(PacketType.REFUSE, raw.handshake("(DESCRIPTION=(SOURCE_ROUTE=YES)" + gw.address()
                            + "(ADDRESS=(PROTOCOL=TCP)(HOST=127.0.0.1)(PORT=9))(CONNECT_DATA=(SERVICE_NAME=payroll)))"));
                }
                last = gw.awaitEnd().id();
            }
            gw.log.flush();
            Path current = dir.resolve("cman_test.log");
            List<Path> files = List.of(current, dir.resolve("cman_test.log.1"), dir.resolve("cman_test.log.2"));
            for (int i = 0; i < files.size(); i++) {
                Path f = files.get(i);
                assertTrue(Files.size(f) <= 1024, f + " is " + Files.size(f) + " bytes, over LOG_FILELEN=1 KB");
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
                assertTrue(LoggedInstance.linesOf(f).stream().allMatch(l -> l.matches("^\\S+Z \\w+ \\w+ .*")),
                        "whole lines only in " + f);
                if (i > 0) {
                    int next = LoggedInstance.linesOf(files.get(i - 1)).get(0).getBytes(StandardCharsets.UTF_8).length + 1;
                    assertTrue(Files.size(f) + next > 1024, f + " was rotated while the next line still fitted");
                }
            }
            assertFalse(Files.exists(dir.resolve("cman_test.log.3")), "LOG_FILENO=3 keeps three files");
            assertTrue(LoggedInstance.linesOf(dir.resolve("cman_test.log.2")).stream()
                    .noneMatch(l -> l.contains("started listening")), "the oldest lines were let go");
            assertEquals(1, matching(LoggedInstance.linesOf(current), "session=" + last + " ended").size()
                    + matching(LoggedInstance.linesOf(files.get(1)), "session=" + last + " ended").size(),
                    "the newest lines are in the newest files: " + LoggedInstance.linesOf(current) + " "
                    + LoggedInstance.linesOf(files.get(1)));
        }
    }

    @Test
    void eventGroupChoosesTheGroupsAndSetEventTurnsOneOn(@TempDir Path dir) throws Exception {
        try (FakeTnsListener db = new FakeTnsListener();
             LoggedInstance gw = LoggedInstance.start(ACCEPT_LOCAL, "(LOG_DIRECTORY=" + dir + ")(LOG_LEVEL=admin)"
                     + "(EVENT_GROUP=init_and_term, relay)")) {
            SessionInfo first = relay(gw, db, "sales", 10);
            List<String> lines = gw.lines();
            assertEquals(1, matching(lines, "admin relay session=" + first.id() + " ended").size(), lines.toString());
            assertEquals(List.of(), matching(lines, "conn_hdlg|proc_mgmt"), "groups not asked for are not written");

            Cmctl cmctl = gw.cmctl(java.nio.file.Files.createDirectories(dir.resolve("state")));
            Caller admin = Caller.local("test");
            assertTrue(cmctl.run(admin, "set event conn_hdlg on").startsWith("event conn_hdlg set to on"));
            assertTrue(assertThrows(AdminException.class, () -> cmctl.run(admin, "set event memory_ops on"))
                    .getMessage().startsWith("TNS-04014: event memory_ops: 'memory_ops' is not offered: tnsrelay has no events"));
            assertTrue(assertThrows(AdminException.class, () -> cmctl.run(admin, "set event lunch off")).getMessage()
                    .startsWith("TNS-04014: event lunch: expected a list of init_and_term"));
            assertEquals(List.of("init_and_term", "relay", "conn_hdlg"), gw.engine.parameters().list(CmanParameter.EVENT_GROUP));
            SessionInfo second = relay(gw, db, "sales", 10);
            assertEquals(1, matching(gw.lines(), "admin conn_hdlg session=" + second.id() + " established").size());

            cmctl.run(admin, "set event relay off");
            SessionInfo third = relay(gw, db, "sales", 10);
            lines = gw.lines();
            assertEquals(1, matching(lines, "session=" + third.id() + " established").size(), lines.toString());
            assertEquals(List.of(), matching(lines, "session=" + third.id() + " ended"), lines.toString());
        }
    }

    @Test
    void aTimeoutIsATimerEvent(@TempDir Path dir) throws Exception {
        try (FakeTnsListener db = new FakeTnsListener().enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
             LoggedInstance gw = LoggedInstance.start(ACCEPT_LOCAL, "(LOG_DIRECTORY=" + dir + ")(LOG_LEVEL=admin)"
                     + "(IDLE_TIMEOUT=1)");
             RawTnsClient client = new RawTnsClient(gw.port())) {
            assertEquals(PacketType.ACCEPT, client.handshake(route(gw, db, "sales")));
            SessionInfo idle = gw.awaitEnd();
            List<String> lines = gw.lines();
            assertEquals(1, matching(lines, "admin timer session=" + idle.id() + " ended .* cause=\"IDLE_TIMEOUT\"$").size(),
                    lines.toString());
        }
    }

    @Test
    void withoutLogDirectoryNoFileIsWritten(@TempDir Path dir) throws Exception {
        try (FakeTnsListener db = new FakeTnsListener();
             LoggedInstance gw = LoggedInstance.start(ACCEPT_LOCAL, "(LOG_LEVEL=support)")) {
            relay(gw, db, "sales", 10);
            assertTrue(gw.log.file().isEmpty());
            gw.engine.set(CmanParameter.LOG_DIRECTORY, dir.toString());
            gw.log.apply(gw.engine.parameters());
            assertEquals(dir.resolve("cman_test.log"), gw.log.file().orElseThrow(), "SET LOG_DIRECTORY opens it at once");
            SessionInfo next = relay(gw, db, "sales", 10);
            assertEquals(1, matching(gw.lines(), "session=" + next.id() + " opened").size());
        }
    }

    /** The IP rate limit's block is written once, as Oracle's CMAN log says it, at the user level. */
    @Test
    void anAddressOverTheIpRateIsLoggedOnceAsOraclesLogSaysIt(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("log");
        try (FakeTnsListener db = new FakeTnsListener();
             LoggedInstance gw = LoggedInstance.start(ACCEPT_LOCAL, "(LOG_DIRECTORY=" + dir + ")(IP_RATE_COUNT=1)"
                     + "(IP_RATE_INTERVAL=600)")) {
            db.enqueue(new FakeTnsListener.Refuse(12514));
            for (int i = 0; i < 3; i++) {
                try (RawTnsClient client = new RawTnsClient(gw.port())) {
                    assertEquals(PacketType.REFUSE, client.handshake(route(gw, db, "sales")));
                }
                gw.awaitEnd();
            }
            List<String> lines = gw.lines();
            assertEquals(1, matching(lines, "^\\S+Z user conn_hdlg IP rate limit enforced for ip address 127\\.0\\.0\\.1"
                    + " endpoint=127\\.0\\.0\\.1:" + gw.port() + " until=\\S+Z$").size(), lines.toString());
            assertEquals(2, matching(lines, "refused client=127\\.0\\.0\\.1:\\d+ .* error=ORA-12530").size(),
                    lines.toString());
        }
    }
}
