package dev.tnsrelay.logfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.config.CmanParameter;
import dev.tnsrelay.config.CmanParameters;
import dev.tnsrelay.descriptor.Address;
import dev.tnsrelay.descriptor.ServerType;
import dev.tnsrelay.gateway.Refusal;
import dev.tnsrelay.gateway.SessionInfo;
import dev.tnsrelay.gateway.SessionState;
import dev.tnsrelay.registry.Handler;
import dev.tnsrelay.registry.HandlerState;
import dev.tnsrelay.registry.Registration;
import dev.tnsrelay.registry.RegistrationRefusedException;
import dev.tnsrelay.registry.ServiceRegistry;
import dev.tnsrelay.testing.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The instance log's lines and files, told directly what the engine and the registry would tell it. */
class InstanceLogTest {

    private final MutableClock clock = new MutableClock();
    /** Lines are written when the test flushes: a host whose threads never come. */
    private static final Executor NEVER = task -> {
    };

    private static CmanParameters logging(Path dir, String level) {
        return CmanParameters.defaults().with(CmanParameter.LOG_DIRECTORY, dir.toString())
                .with(CmanParameter.LOG_LEVEL, level);
    }

    private static List<String> lines(InstanceLog log) throws IOException {
        log.flush();
        return Files.readAllLines(log.file().orElseThrow(), StandardCharsets.UTF_8);
    }

    @Test
    void clientAndDatabaseTextStaysInItsFieldOnItsLine(@TempDir Path dir) throws Exception {
        try (InstanceLog log = InstanceLog.open("cman_x", logging(dir, "support"), clock, NEVER)) {
            String evil = "sales\"\n2026-01-01T00:00:00.000Z user init_and_term instance=\"x\" stopped";
            SessionInfo s = new SessionInfo(7, "192.0.2.1:4000", evil, evil, 0, SessionState.CLOSED, clock.instant(),
                    Duration.ZERO, 10, 20, new SessionInfo.ClientId(evil, evil, evil), "");
            log.refused(s, new Refusal(12514, Refusal.Reason.REGISTRY, "service " + evil + " is unknown"));
            log.established(s);
            log.redirected(s, evil);
            clock.advance(Duration.ofMillis(1500));
            log.closed(s, "closed by " + evil);
            List<String> lines = lines(log);
            assertEquals(5, lines.size(), lines.toString()); // log opened, and one line per event
            assertTrue(lines.stream().noneMatch(l -> l.startsWith("2026-01-01")), lines.toString());
            assertTrue(lines.get(1).endsWith(" user conn_hdlg session=7 refused client=192.0.2.1:4000 service=\"sales\\\"\\n"
                    + "2026-01-01T00:00:00.000Z user init_and_term instance=\\\"x\\\" stopped\" error=ORA-12514"
                    + " reason=registry detail=\"service sales\\\"\\n2026-01-01T00:00:00.000Z user init_and_term instance=\\\"x"
                    + "\\\" stopped is unknown\""), lines.get(1));
            assertTrue(lines.get(4).contains(" admin relay session=7 ended ") && lines.get(4).contains(" duration_ms=1500"
                    + " bytes_in=10 bytes_out=20 program=\"sales\\\"\\n2026-01-01T00:00:00.000Z user init_and_term"
                    + " instance=\\\"x\\\" stopped\" host=\"sales\\\"\\n"), lines.get(4));
            assertTrue(lines.get(4).contains(" cause=\"closed by sales\\\"\\n"), lines.get(4));
        }
    }

    @Test
    void registrationsAreRegAndLoadEvents(@TempDir Path dir) throws Exception {
        try (InstanceLog log = InstanceLog.open("cman_x", logging(dir, "admin"), clock, NEVER)) {
            ServiceRegistry registry = new ServiceRegistry(clock, CmanParameters.defaults()).addListener(log);
            Registration r = new Registration("sales", "db1", "10.0.0.1", List.of(new Handler("DEDICATED",
                    Address.tcp("10.0.0.1", 1521), ServerType.DEDICATED, 0, 100, HandlerState.READY)), Duration.ofSeconds(60));
            registry.register(r, InetAddress.getLoopbackAddress());
            registry.register(r, InetAddress.getLoopbackAddress());
            assertThrows(RegistrationRefusedException.class, () -> registry.register(r, InetAddress.getByName("192.0.2.9")));
            registry.unregister("sales", "db1");
            List<String> lines = lines(log);
            assertTrue(lines.get(1).endsWith(" admin reg_and_load service=\"sales\" instance=\"db1\" registered from=127.0.0.1"
                    + " handlers=1"), lines.get(1));
            assertTrue(lines.get(2).endsWith(" user reg_and_load service=\"sales\" instance=\"db1\" refused from=192.0.2.9"
                    + " detail=\"TNS-01182: Listener rejected registration of service \\\"sales\\\" from 192.0.2.9 (valid node"
                    + " checking)\""), lines.get(2));
            assertTrue(lines.get(3).endsWith(" admin reg_and_load service=\"sales\" instance=\"db1\" unregistered"), lines.get(3));
            assertEquals(4, lines.size(), "the renewal is support's detail: " + lines);
        }
    }

    @Test
    void aNewLogDirectoryMovesTheLogAndAnUnusableOneLeavesItWhereItWas(@TempDir Path dir) throws Exception {
        CmanParameters first = logging(dir.resolve("a"), "user");
        try (InstanceLog log = InstanceLog.open("CMAN/../x y", first, clock, NEVER)) {
            assertEquals(dir.resolve("a").resolve("cman_.._x_y.log"), log.file().orElseThrow(), "a name, never a path");
            CmanParameters moved = first.with(CmanParameter.LOG_DIRECTORY, dir.resolve("b").toString());
            log.apply(moved);
            assertEquals(dir.resolve("b").resolve("cman_.._x_y.log"), log.file().orElseThrow());
            List<String> lines = lines(log);
            assertTrue(lines.get(0).contains(" user init_and_term log opened instance=\"CMAN/../x y\" level=user"), lines.toString());
            assertTrue(lines.get(1).endsWith(" user cmd_proc parameter=LOG_DIRECTORY changed from=\"" + dir.resolve("a")
                    + "\" to=\"" + dir.resolve("b") + "\""), lines.toString());

            Files.writeString(dir.resolve("file"), "not a directory");
            assertThrows(IOException.class, () -> log.apply(moved.with(CmanParameter.LOG_DIRECTORY,
                    dir.resolve("file").resolve("log").toString())));
            assertEquals(dir.resolve("b").resolve("cman_.._x_y.log"), log.file().orElseThrow(), "still where it was");
            log.apply(moved.with(CmanParameter.LOG_LEVEL, "admin"));
            assertTrue(lines(log).get(2).endsWith("parameter=LOG_LEVEL changed from=\"user\" to=\"admin\""));
        }
    }

    @Test
    void aSymbolicLinkWhereTheLogShouldBeIsRefusedNotFollowed(@TempDir Path dir) throws Exception {
        Path elsewhere = Files.writeString(dir.resolve("elsewhere"), "keep me\n");
        Files.createSymbolicLink(dir.resolve("cman_x.log"), elsewhere);
        assertThrows(IOException.class, () -> InstanceLog.open("cman_x", logging(dir, "user"), clock, NEVER));
        assertEquals("keep me\n", Files.readString(elsewhere));
    }

    @Test
    void linesTheQueueCannotTakeAreCountedAndTheGapIsWritten(@TempDir Path dir) throws Exception {
        try (InstanceLog log = InstanceLog.open("cman_x", logging(dir, "user"), clock, NEVER)) {
            SessionInfo s = new SessionInfo(1, "192.0.2.1:4000", "", "sales", 0, SessionState.CLOSED, clock.instant(),
                    Duration.ZERO, 0, 0);
            for (int i = 0; i < LogWriter.CAPACITY + 5; i++) {
                log.dropped(s, "rule");
            }
            List<String> lines = lines(log);
            assertEquals(LogWriter.CAPACITY + 1, lines.size());
            assertEquals("6 log lines were dropped: lines came faster than the disk took them",
                    lines.get(lines.size() - 1), "the opening line and the first 9999 drops fit; six did not");
        }
    }

    @Test
    void atLevelOffAndWithoutADirectoryNothingIsWritten(@TempDir Path dir) throws Exception {
        try (InstanceLog log = InstanceLog.open("cman_x", logging(dir, "off"), clock, NEVER)) {
            log.dropped(new SessionInfo(1, "192.0.2.1:4000", "", "sales", 0, SessionState.CLOSED, clock.instant(),
                    Duration.ZERO, 0, 0), "rule");
            assertEquals(List.of(), lines(log));
        }
        try (InstanceLog log = InstanceLog.open("cman_y", CmanParameters.defaults(), clock, NEVER)) {
            assertTrue(log.file().isEmpty());
            log.flush();
            assertFalse(Files.exists(dir.resolve("cman_y.log")));
        }
    }
}
