package dev.tnsrelay.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.XATerminator;
import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Timer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter's lifecycle with a WorkManager backed by a real executor, as a server would give it. */
class TnsRelayResourceAdapterTest {

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @TempDir
    Path admin;

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private TnsRelayResourceAdapter adapter(String cmanOra) throws Exception {
        Files.writeString(admin.resolve("cman.ora"), cmanOra);
        TnsRelayResourceAdapter ra = new TnsRelayResourceAdapter();
        ra.setTnsAdmin(admin.toString());
        ra.setStateDir(admin.resolve("state").toString());
        ra.setJmxPort(0);
        return ra;
    }

    private static long relayLoops() {
        return Thread.getAllStackTraces().values().stream().filter(stack -> java.util.Arrays.stream(stack)
                .anyMatch(f -> f.getClassName().startsWith("dev.tnsrelay.gateway."))).count();
    }

    @Test
    void stopClosesThePortAndEndsTheLoopsAndAStartAgainTakesThePortBack() throws Exception {
        int port = freePort();
        TnsRelayResourceAdapter ra = adapter("c = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=" + port
                + "))(RULE_LIST=(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept))))");
        for (int round = 0; round < 2; round++) {
            ra.start(new Bootstrap(pool));
            new Socket(InetAddress.getLoopbackAddress(), port).close();
            assertEquals(3, relayLoops(), "a listener and MIN_GATEWAY_PROCESSES=2 gateways");
            ra.stop();
            assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
            for (int i = 0; i < 100 && relayLoops() > 0; i++) {
                Thread.sleep(20); // the Work returns right after the loop closed its selector
            }
            assertEquals(0, relayLoops());
        }
    }

    @Test
    void theFirstStartMakesAnAdministratorAndTheAdminObjectReachesTheModel() throws Exception {
        TnsRelayResourceAdapter ra = adapter("c = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=0))"
                + "(RULE_LIST=(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept))))");
        AdminAccessObject access = new AdminAccessObject();
        access.setResourceAdapter(ra);
        ra.start(new Bootstrap(pool));
        try {
            String password = Files.readString(admin.resolve("state/initial-admin-password")).strip();
            dev.tnsrelay.admin.Caller first = access.administration().authenticate("admin", password.toCharArray(),
                    "test", "127.0.0.1");
            assertEquals(dev.tnsrelay.admin.users.Role.ADMIN, first.role());
            assertEquals("c", access.administration().status(first).instance());
            access.administration().addRule(new dev.tnsrelay.admin.Caller("test", first.role()),
                    "(RULE=(SRC=*)(DST=*)(SRV=*)(ACT=drop))");
            assertTrue(Files.readString(admin.resolve("cman.ora")).contains("(ACT = drop)"),
                    "a cman.ora given in TNS_ADMIN keeps the rule changes");
            assertTrue(Files.readString(admin.resolve("state/audit.log")).contains("user=test action=\"rule add"));
        } finally {
            ra.stop();
        }
        assertThrows(IllegalStateException.class, access::administration);
    }

    @Test
    void aBrokenCmanOraFailsTheStartWithFileLineAndColumn() throws Exception {
        TnsRelayResourceAdapter ra = adapter("c = (CONFIGURATION=(ADDRESS=(HOST=127.0.0.1)(PORT=1522))\n"
                + "  (RULE_LIST=(RULE=(SRC=*)(DST=*)(SRV=*)(ACT=deny))))\n");
        ResourceAdapterInternalException e = assertThrows(ResourceAdapterInternalException.class,
                () -> ra.start(new Bootstrap(pool)));
        assertTrue(e.getMessage().contains("TNS-04012") && e.getMessage().contains(admin.resolve("cman.ora") + ":2:"),
                e.getMessage());
        assertTrue(e.getMessage().contains("ACT must be accept, reject or drop, not 'deny'"), e.getMessage());
    }

    @Test
    void aPortInUseFailsTheStartAndLeavesNothingRunning() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            TnsRelayResourceAdapter ra = adapter("c = (CONFIGURATION=(ADDRESS=(HOST=127.0.0.1)(PORT="
                    + taken.getLocalPort() + "))(RULE_LIST=))");
            ResourceAdapterInternalException e = assertThrows(ResourceAdapterInternalException.class,
                    () -> ra.start(new Bootstrap(pool)));
            assertTrue(e.getMessage().contains("cannot listen on"), e.getMessage());
            for (int i = 0; i < 100 && relayLoops() > 0; i++) {
                Thread.sleep(20); // the loops have ended; their Work returns right after
            }
            assertEquals(0, relayLoops());
        }
    }

    /** A server's bootstrap context reduced to what the adapter uses: a WorkManager on a real pool. */
    private record Bootstrap(ExecutorService pool) implements BootstrapContext {
        @Override
        public WorkManager getWorkManager() {
            return new WorkManager() {
                @Override
                public void doWork(Work work) {
                    work.run();
                }

                @Override
                public void doWork(Work work, long timeout, ExecutionContext ctx, WorkListener listener) {
                    work.run();
                }

                @Override
                public long startWork(Work work) {
                    pool.execute(work);
                    return 0;
                }

                @Override
                public long startWork(Work work, long timeout, ExecutionContext ctx, WorkListener listener) {
                    pool.execute(work);
                    return 0;
                }

                @Override
                public void scheduleWork(Work work) {
                    pool.execute(work);
                }

                @Override
                public void scheduleWork(Work work, long timeout, ExecutionContext ctx, WorkListener listener) {
                    pool.execute(work);
                }
            };
        }

        @Override
        public XATerminator getXATerminator() {
            return null;
        }

        @Override
        public Timer createTimer() {
            return new Timer(true);
        }

        @Override
        public boolean isContextSupported(Class<? extends WorkContext> type) {
            return false;
        }

        @Override
        public TransactionSynchronizationRegistry getTransactionSynchronizationRegistry() {
            return null;
        }
    }
}
