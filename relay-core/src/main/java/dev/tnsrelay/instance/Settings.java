package dev.tnsrelay.instance;

import dev.tnsrelay.grid.Grid;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * What an instance is built from, whoever hosts it (the resource adapter, the standalone main, a test).
 *
 * @param tnsAdmin the Oracle Net folder ({@link TnsAdmin#discover}): cman.ora and the naming files
 * @param cmanOra a cman.ora to run instead of the folder's (the standalone main's argument)
 * @param instance the cman.ora instance to run; empty: the only one, else {@code cman_<host>}, else the first
 * @param stateFolder administrators, audit log, first admin password, the embedded default's changed rules
 * @param executor where the listener and gateway loops run: the server's WorkManager, or a plain pool
 * @param adminHosts the host names the admin screens and REST API answer to besides loopback's, separated by commas
 *        ({@link dev.tnsrelay.admin.AdminHosts}); empty: loopback only
 * @param grid the data grid this instance shares its rules, registrations and administrators on, looked up when the
 *        instance is built; empty: it runs alone
 */
public record Settings(Optional<Path> tnsAdmin, Optional<Path> cmanOra, Optional<String> instance, Path stateFolder,
        JmxMode jmx, Clock clock, Executor executor, String adminHosts, Supplier<Optional<Grid>> grid) {

    /** An instance that runs alone, whose admin doors answer to loopback names only. */
    public Settings(Optional<Path> tnsAdmin, Optional<Path> cmanOra, Optional<String> instance, Path stateFolder,
            JmxMode jmx, Clock clock, Executor executor) {
        this(tnsAdmin, cmanOra, instance, stateFolder, jmx, clock, executor, "");
    }

    /** An instance that runs alone: no data grid. */
    public Settings(Optional<Path> tnsAdmin, Optional<Path> cmanOra, Optional<String> instance, Path stateFolder,
            JmxMode jmx, Clock clock, Executor executor, String adminHosts) {
        this(tnsAdmin, cmanOra, instance, stateFolder, jmx, clock, executor, adminHosts, Optional::empty);
    }

    /** The same settings, with the data grid the host finds when the instance starts (empty: none, alone). */
    public Settings withGrid(Supplier<Optional<Grid>> found) {
        return new Settings(tnsAdmin, cmanOra, instance, stateFolder, jmx, clock, executor, adminHosts, found);
    }

    /** The state folder: the one given, else {@code $TNSRELAY_HOME}, else {@code ~/.tnsrelay}. */
    public static Path stateFolder(String given, Map<String, String> env) {
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        String home = env.get("TNSRELAY_HOME");
        return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".tnsrelay");
    }

    /** Remote JMX on {@code host:port}, or the platform MBeanServer only when {@code port} is 0. */
    public static JmxMode jmx(String host, int port) {
        return port == 0 ? new JmxMode.Platform() : new JmxMode.Remote(host, port);
    }
}
