package dev.tnsrelay.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.gateway.EngineState;
import dev.tnsrelay.gateway.SessionInfo;
import dev.tnsrelay.gateway.SessionListener;
import dev.tnsrelay.testing.RawTnsClient;
import dev.tnsrelay.testing.TestInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The composition root's own promises: its start fails whole, a failure ends the wait, a shutdown does not. */
class ConnectionManagerIT {

    private static final String CMAN = "cman_root = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=0))"
            + "(RULE_LIST=(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept)))(PARAMETER_LIST=(MIN_GATEWAY_PROCESSES=1)))";

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
    }

    private Settings settings(Path dir) throws Exception {
        Files.writeString(dir.resolve("cman.ora"), CMAN);
        return new Settings(Optional.of(dir), Optional.empty(), Optional.empty(), dir.resolve("state"),
                new JmxMode.None(), Clock.systemUTC(), threads);
    }

    @Test
    void anErrorInALoopFailsTheInstanceAndEndsTheWaitWithFailed(@TempDir Path dir) throws Exception {
        ConnectionManager m = new ConnectionManager(settings(dir)).addSessionListener(new SessionListener() {
            @Override
            public void opened(SessionInfo session) {
                throw new AssertionError("a defect no gateway can serve through");
            }
        }).start();
        try {
            CompletableFuture<EngineState> end = CompletableFuture.supplyAsync(() -> await(m), threads);
            try (RawTnsClient client = new RawTnsClient(m.listenAddresses().get(0).getPort())) {
                assertTrue(client.closedByPeer());
            }
            assertEquals(EngineState.FAILED, end.get(20, TimeUnit.SECONDS));
            assertEquals("FAILED", m.administration().readiness().state());
        } finally {
            m.close();
        }
    }

    @Test
    void anAdministratorsShutdownIsNoEndButCloseIs(@TempDir Path dir) throws Exception {
        try (TestInstance gw = TestInstance.start(dir, CMAN)) {
            CompletableFuture<EngineState> end = CompletableFuture.supplyAsync(() -> await(gw.manager), threads);
            gw.admin().shutdown(TestInstance.ALICE, true);
            gw.admin().startup(TestInstance.ALICE);
            gw.admin().shutdown(TestInstance.ALICE, true);
            assertFalse(end.isDone(), "a main waiting on the instance goes on: a startup may follow");
            gw.manager.close();
            assertEquals(EngineState.STOPPED, end.get(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void aBrokenCmanOraOrAMissingInstanceIsTns04012WithWhere(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("cman.ora"), "c = (CONFIGURATION=(ADDRESS=(HOST=127.0.0.1)(PORT=0))\n"
                + "  (RULE_LIST=(RULE=(SRC=*)(DST=*)(SRV=*)(ACT=deny))))\n");
        Settings broken = new Settings(Optional.of(dir), Optional.empty(), Optional.empty(), dir.resolve("state"),
                new JmxMode.None(), Clock.systemUTC(), threads);
        StartupException e = assertThrows(StartupException.class, () -> ConnectionManager.start(broken));
        assertTrue(e.getMessage().startsWith("TNS-04012: Unable to start Oracle Connection Manager instance: "
                + dir.resolve("cman.ora") + ":2:"), e.getMessage());

        Settings missing = new Settings(Optional.of(dir), Optional.empty(), Optional.of("nosuch"), dir.resolve("state"),
                new JmxMode.None(), Clock.systemUTC(), threads);
        Files.writeString(dir.resolve("cman.ora"), CMAN);
        StartupException none = assertThrows(StartupException.class, () -> ConnectionManager.start(missing));
        assertTrue(none.getMessage().contains("no instance nosuch in"), none.getMessage());
    }

    private static EngineState await(ConnectionManager m) {
        try {
            return m.awaitEnd();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The state folder and what the instance writes in it are the owner's alone (issue 11): the folder 0700, the
     * audit log, the administrators and the first admin password 0600. A bad adminHosts entry fails the start.
     */
    @Test
    void theStateFolderAndItsFilesAreOwnerOnly(@TempDir Path dir) throws Exception {
        try (TestInstance gw = TestInstance.start(dir, CMAN)) {
            gw.admin().addRule(TestInstance.ALICE, "(RULE=(SRC=*)(DST=*)(SRV=x)(ACT=drop))");
            Path state = dir.resolve("state");
            assertEquals("rwx------", mode(state));
            for (String file : java.util.List.of("audit.log", "users", "initial-admin-password")) {
                assertEquals("rw-------", mode(state.resolve(file)), file);
            }
        }
        Settings hosts = new Settings(Optional.of(dir), Optional.empty(), Optional.empty(), dir.resolve("state"),
                new JmxMode.None(), Clock.systemUTC(), threads, "admin.example.com, *.example.com");
        StartupException e = assertThrows(StartupException.class, () -> new ConnectionManager(hosts));
        assertTrue(e.getMessage().contains("adminHosts: '*.example.com' is not a host name"), e.getMessage());
    }

    private static String mode(Path p) throws Exception {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
