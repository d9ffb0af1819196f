package dev.tnsrelay.testing;

import dev.tnsrelay.admin.Administration;
import dev.tnsrelay.admin.Caller;
import dev.tnsrelay.admin.users.Role;
import dev.tnsrelay.gateway.SessionListener;
import dev.tnsrelay.grid.Grid;
import dev.tnsrelay.instance.ConnectionManager;
import dev.tnsrelay.instance.JmxMode;
import dev.tnsrelay.instance.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A whole instance as the adapter and the standalone main build it ({@link ConnectionManager}), from a cman.ora
 * written into {@code dir} (its TNS_ADMIN) with the state folder {@code dir/state}, on threads of its own.
 */
public final class TestInstance implements AutoCloseable {

    public static final Caller ALICE = new Caller("alice", Role.ADMIN);
    public static final Caller WATCHER = new Caller("watcher", Role.MONITOR);

    public final ConnectionManager manager;
    public final Path dir;
    private final ExecutorService threads;

    private TestInstance(ConnectionManager manager, Path dir, ExecutorService threads) {
        this.manager = manager;
        this.dir = dir;
        this.threads = threads;
    }

    public static TestInstance start(Path dir, String cmanOra, JmxMode jmx, Clock clock) throws Exception {
        return start(dir, cmanOra, jmx, clock, List.of(), Optional::empty);
    }

    /** The same, with session listeners on every engine it starts (a test's {@link SessionEvents}). */
    public static TestInstance start(Path dir, String cmanOra, JmxMode jmx, Clock clock,
            List<SessionListener> listeners) throws Exception {
        return start(dir, cmanOra, jmx, clock, listeners, Optional::empty);
    }

    /** An instance that is a node of the cluster on {@code grid}. */
    public static TestInstance start(Path dir, String cmanOra, JmxMode jmx, Clock clock,
            Supplier<Optional<Grid>> grid) throws Exception {
        return start(dir, cmanOra, jmx, clock, List.of(), grid);
    }

    private static TestInstance start(Path dir, String cmanOra, JmxMode jmx, Clock clock,
            List<SessionListener> listeners, Supplier<Optional<Grid>> grid) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("cman.ora"), cmanOra);
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            ConnectionManager m = new ConnectionManager(new Settings(Optional.of(dir), Optional.empty(),
                    Optional.empty(), dir.resolve("state"), jmx, clock, threads).withGrid(grid));
            listeners.forEach(m::addSessionListener);
            return new TestInstance(m.start(), dir, threads);
        } catch (Exception | Error e) {
            threads.shutdownNow();
            throw e;
        }
    }

    public static TestInstance start(Path dir, String cmanOra) throws Exception {
        return start(dir, cmanOra, new JmxMode.None(), Clock.systemUTC());
    }

    public Administration admin() {
        return manager.administration();
    }

    public int port() {
        return manager.listenAddresses().get(0).getPort();
    }

    public String address() {
        return "(ADDRESS=(PROTOCOL=TCP)(HOST=127.0.0.1)(PORT=" + port() + "))";
    }

    public Path cmanOra() {
        return dir.resolve("cman.ora");
    }

    public Path audit() {
        return dir.resolve("state").resolve("audit.log");
    }

    @Override
    public void close() throws InterruptedException {
        manager.close();
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }
}
