package dev.tnsrelay.cli;

import dev.tnsrelay.admin.Endpoints;
import dev.tnsrelay.admin.prometheus.MetricsEndpoint;
import dev.tnsrelay.gateway.EngineState;
import dev.tnsrelay.instance.ConnectionManager;
import dev.tnsrelay.instance.JmxMode;
import dev.tnsrelay.instance.Settings;
import dev.tnsrelay.instance.StartupException;
import dev.tnsrelay.instance.TnsAdmin;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code tnsrelay-standalone [--tns-admin DIR] [--state DIR] [--jmx off|platform|PORT|HOST:PORT]
 * [--metrics [HOST:]PORT] [cman.ora [instance]]}: one instance without an application server, built as the
 * resource adapter builds it: the admin model (audit log, administrators in the state folder), remote JMX
 * (127.0.0.1:8686 unless told otherwise; another address only when asked), the naming resolver, and, when asked,
 * the statistics in Prometheus's text on {@code http://HOST:PORT/metrics} (127.0.0.1 unless a host is given).
 * Without a cman.ora it reads the TNS_ADMIN folder's (option, then {@code $TNS_ADMIN}, then
 * {@code $ORACLE_HOME/network/admin}), and without that the embedded default (loopback only, local clients only).
 *
 * <p>It runs until SIGTERM or Ctrl-C (its shutdown hook closes the instance, every session with it; the JVM exits
 * with the signal's status, 143 or 130); a shutdown from an administrator leaves it waiting for a startup. Exit
 * status 1 when the instance cannot start or fails (an Error in a loop), 2 for a usage error; {@code --help}
 * prints the usage and exits 0.
 */
public final class RelayMain {

    static final String USAGE = """
            usage: tnsrelay-standalone [--tns-admin DIR] [--state DIR] [--jmx off|platform|PORT|HOST:PORT]
                                       [--metrics [HOST:]PORT] [cman.ora [instance]]
              runs one tnsrelay instance without an application server, until SIGTERM or Ctrl-C
              --tns-admin DIR  cman.ora and the naming files (default $TNS_ADMIN, then $ORACLE_HOME/network/admin)
              --state DIR      administrators, audit log (default $TNSRELAY_HOME, else ~/.tnsrelay)
              --jmx MODE       remote JMX: off, platform, PORT or HOST:PORT (default 127.0.0.1:8686)
              --metrics ADDR   Prometheus text on http://ADDR/metrics; PORT alone listens on 127.0.0.1 (default off)
              --pid-file FILE  written once the instance listens; a second start while it names a live process
                               exits 1
              cman.ora         a file to run instead of the folder's; instance: which of its instances""";

    private static final List<String> OPTIONS = List.of("--tns-admin", "--state", "--jmx", "--metrics", "--pid-file");

    private RelayMain() {
    }

    /** What the arguments say: the instance's settings, and where to serve /metrics if anywhere. */
    record Options(Settings settings, Optional<InetSocketAddress> metrics, Optional<Path> pidFile) {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = System.getenv();
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        // standalone only: hosted, the server's WorkManager supplies these threads
        ExecutorService threads = Executors.newCachedThreadPool();
        ConnectionManager manager;
        Optional<MetricsEndpoint> metrics = Optional.empty();
        Optional<PidFile> pidFile = Optional.empty();
        try {
            Optional<Options> options = options(args, env, threads, System.err);
            if (options.isEmpty()) {
                threads.shutdown();
                System.exit(2);
                return;
            }
            Optional<PidFile> pid = options.get().pidFile().map(PidFile::new);
            if (pid.isPresent() && pid.get().runningOther().isPresent()) {
                System.err.println("tnsrelay-standalone: already running (pid " + pid.get().runningOther().get()
                        + ", " + options.get().pidFile().get() + "); stop it with bin/tnsrelay-stop");
                threads.shutdown();
                System.exit(1);
                return;
            }
            manager = ConnectionManager.start(options.get().settings());
            pidFile = pid;
            if (options.get().metrics().isPresent()) {
                try {
                    metrics = Optional.of(MetricsEndpoint.start(options.get().metrics().get(), manager.statistics(),
                            threads));
                } catch (IOException e) {
                    manager.close();
                    System.err.println("tnsrelay-standalone: --metrics " + options.get().metrics().get() + ": " + e);
                    threads.shutdownNow();
                    System.exit(1);
                    return;
                }
            }
        } catch (StartupException | IOException e) {
            System.err.println(e.getMessage());
            threads.shutdownNow();
            System.exit(1);
            return;
        }
        Optional<PidFile> pid = pidFile;
        try {
            if (pid.isPresent()) {
                pid.get().write(); // once the instance listens: the file names a server that came up
            }
        } catch (IOException e) {
            System.err.println("tnsrelay-standalone: the pid file cannot be written: " + e);
        }
        System.out.println("tnsrelay instance " + manager.configured().name() + " listening on "
                + manager.listenAddresses().stream().map(Endpoints::address).toList());
        manager.jmxAddress().ifPresent(a -> System.out.println("tnsrelay remote JMX at " + a));
        metrics.ifPresent(m -> System.out.println("tnsrelay metrics at http://"
                + Endpoints.hostPort(m.address().getAddress().getHostAddress() + ":" + m.address().getPort())
                + "/metrics"));
        Optional<MetricsEndpoint> endpoint = metrics;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            endpoint.ifPresent(MetricsEndpoint::close);
            manager.close();
            threads.shutdownNow();
            pid.ifPresent(PidFile::remove);
        }, "tnsrelay-shutdown"));
        EngineState end = manager.awaitEnd();
        if (end == EngineState.FAILED) {
            System.err.println("tnsrelay: instance " + manager.configured().name() + " failed; see the log");
            endpoint.ifPresent(MetricsEndpoint::close);
            manager.close();
            threads.shutdownNow();
            pid.ifPresent(PidFile::remove);
            System.exit(1);
        }
    }

    /** The options the arguments say; empty after printing the usage. */
    static Optional<Options> options(String[] args, Map<String, String> env, ExecutorService threads,
            PrintStream err) {
        String tnsAdmin = null;
        String state = null;
        JmxMode jmx = new JmxMode.Remote("127.0.0.1", 8686);
        Optional<InetSocketAddress> metrics = Optional.empty();
        Optional<Path> pidFile = Optional.empty();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("-")) {
                positional.add(args[i]);
                continue;
            }
            String option = args[i];
            String value = i + 1 < args.length ? args[++i] : null;
            if (value == null || !OPTIONS.contains(option)) {
                err.println("tnsrelay-standalone: " + (value == null ? option + " needs a value" : "unknown option "
                        + option) + "\n" + USAGE);
                return Optional.empty();
            }
            try {
                switch (option) {
                    case "--tns-admin" -> tnsAdmin = value;
                    case "--state" -> state = value;
                    case "--jmx" -> jmx = JmxMode.parse(value);
                    case "--pid-file" -> pidFile = Optional.of(Path.of(value));
                    default -> metrics = Optional.of(hostPort(value));
                }
            } catch (IllegalArgumentException e) {
                err.println("tnsrelay-standalone: " + e.getMessage() + "\n" + USAGE);
                return Optional.empty();
            }
        }
        if (positional.size() > 2) {
            err.println("tnsrelay-standalone: unexpected " + positional.get(2) + "\n" + USAGE);
            return Optional.empty();
        }
        return Optional.of(new Options(new Settings(TnsAdmin.discover(tnsAdmin, env).folder(),
                positional.isEmpty() ? Optional.empty() : Optional.of(Path.of(positional.get(0))),
                positional.size() < 2 ? Optional.empty() : Optional.of(positional.get(1)),
                Settings.stateFolder(state, env), jmx, Clock.systemUTC(), threads), metrics, pidFile));
    }

    /** {@code PORT} on 127.0.0.1, or {@code HOST:PORT} ({@code [::1]:9127}). */
    static InetSocketAddress hostPort(String text) {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? "127.0.0.1" : text.substring(0, colon).replaceAll("^\\[|\\]$", "");
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(host, port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--metrics is PORT or HOST:PORT, not " + text);
        }
    }
}
