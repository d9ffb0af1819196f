package dev.tnsrelay.cli;

import dev.tnsrelay.gateway.EngineState;
import dev.tnsrelay.instance.ConnectionManager;
import dev.tnsrelay.instance.JmxMode;
import dev.tnsrelay.instance.Settings;
import dev.tnsrelay.instance.StartupException;
import dev.tnsrelay.instance.TnsAdmin;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code tnsrelay-standalone [--tns-admin DIR] [--state DIR] [--jmx off|platform|PORT|HOST:PORT] [cman.ora [instance]]}:
 * one instance without an application server, built as the resource adapter builds it: the admin model (audit
 * log, administrators in the state folder), remote JMX (127.0.0.1:8686 unless told otherwise; another address only
 * when asked) and the naming resolver. Without a cman.ora it reads the TNS_ADMIN folder's (option, then
 * {@code $TNS_ADMIN}, then {@code $ORACLE_HOME/network/admin}), and without that the embedded default (loopback
 * only, local clients only).
 *
 * <p>It runs until SIGTERM or Ctrl-C (its shutdown hook closes the instance, every session with it; the JVM exits
 * with the signal's status, 143 or 130); a shutdown from an administrator leaves it waiting for a startup. Exit
 * status 1 when the instance cannot start or fails (an Error in a loop), 2 for a usage error.
 */
public final class RelayMain {

    private static final String USAGE = "usage: tnsrelay-standalone [--tns-admin DIR] [--state DIR]"
            + " [--jmx off|platform|PORT|HOST:PORT] [cman.ora [instance]]";

    private RelayMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = System.getenv();
        // standalone only: hosted, the server's WorkManager supplies these threads
        ExecutorService threads = Executors.newCachedThreadPool();
        ConnectionManager manager;
        try {
            Optional<Settings> settings = settings(args, env, threads, System.err);
            if (settings.isEmpty()) {
                threads.shutdown();
                System.exit(2);
                return;
            }
            manager = ConnectionManager.start(settings.get());
        } catch (StartupException e) {
            System.err.println(e.getMessage());
            threads.shutdownNow();
            System.exit(1);
            return;
        }
        System.out.println("tnsrelay instance " + manager.configured().name() + " listening on "
                + manager.listenAddresses());
        manager.jmxAddress().ifPresent(a -> System.out.println("tnsrelay remote JMX at " + a));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            manager.close();
            threads.shutdownNow();
        }, "tnsrelay-shutdown"));
        EngineState end = manager.awaitEnd();
        if (end == EngineState.FAILED) {
            System.err.println("tnsrelay: instance " + manager.configured().name() + " failed; see the log");
            manager.close();
            threads.shutdownNow();
            System.exit(1);
        }
    }

    /** The settings the arguments say; empty after printing the usage. */
    static Optional<Settings> settings(String[] args, Map<String, String> env, ExecutorService threads,
            PrintStream err) {
        String tnsAdmin = null;
        String state = null;
        JmxMode jmx = new JmxMode.Remote("127.0.0.1", 8686);
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                positional.add(args[i]);
                continue;
            }
            String option = args[i];
            String value = i + 1 < args.length ? args[++i] : null;
            if (value == null || !List.of("--tns-admin", "--state", "--jmx").contains(option)) {
                err.println(USAGE);
                return Optional.empty();
            }
            if (option.equals("--tns-admin")) {
                tnsAdmin = value;
            } else if (option.equals("--state")) {
                state = value;
            } else {
                try {
                    jmx = JmxMode.parse(value);
                } catch (IllegalArgumentException e) {
                    err.println(e.getMessage() + "; " + USAGE);
                    return Optional.empty();
                }
            }
        }
        if (positional.size() > 2) {
            err.println(USAGE);
            return Optional.empty();
        }
        return Optional.of(new Settings(TnsAdmin.discover(tnsAdmin, env).folder(),
                positional.isEmpty() ? Optional.empty() : Optional.of(Path.of(positional.get(0))),
                positional.size() < 2 ? Optional.empty() : Optional.of(positional.get(1)),
                Settings.stateFolder(state, env), jmx, Clock.systemUTC(), threads));
    }
}
