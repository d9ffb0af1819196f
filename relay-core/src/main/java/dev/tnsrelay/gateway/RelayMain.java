package dev.tnsrelay.gateway;

import dev.tnsrelay.config.CmanConfiguration;
import dev.tnsrelay.config.CmanInstance;
import dev.tnsrelay.config.CmanOra;
import dev.tnsrelay.net.NetParseException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs one instance standalone: {@code RelayMain [cman.ora [instance]]}. Without a file it reads
 * {@code $TNS_ADMIN/cman.ora}, and without that the embedded default (loopback only, local clients only).
 * Prints where it listens; SIGTERM or Ctrl-C is a shutdown abort.
 */
public final class RelayMain {

    private RelayMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 2) {
            System.err.println("usage: RelayMain [cman.ora [instance]]");
            System.exit(2);
        }
        CmanInstance instance;
        try {
            CmanConfiguration config = configuration(args);
            instance = args.length == 2 ? config.instance(args[1]).orElseThrow(
                    () -> new IllegalArgumentException("no instance " + args[1] + " in " + config.source()))
                    : config.defaultInstance(InetAddress.getLocalHost().getHostName());
            System.out.println("tnsrelay: configuration " + config.source());
        } catch (NetParseException | IllegalArgumentException | java.io.UncheckedIOException e) {
            System.err.println("TNS-04012: Unable to start Oracle Connection Manager instance: " + e.getMessage());
            System.exit(1);
            return;
        }
        // standalone only: hosted, the server's WorkManager supplies these threads
        ExecutorService threads = Executors.newCachedThreadPool();
        RelayEngine engine = new RelayEngine(instance, threads, Clock.systemUTC());
        try {
            engine.start();
        } catch (IOException e) {
            System.err.println("TNS-04012: Unable to start Oracle Connection Manager instance: " + e.getMessage());
            threads.shutdownNow();
            System.exit(1);
        }
        System.out.println("tnsrelay instance " + instance.name() + " listening on " + engine.listenAddresses());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                engine.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            threads.shutdownNow();
        }));
        engine.awaitTermination(java.time.Duration.ofDays(36500));
        threads.shutdown();
    }

    private static CmanConfiguration configuration(String[] args) {
        if (args.length > 0) {
            return CmanOra.load(Path.of(args[0]));
        }
        String tnsAdmin = System.getenv("TNS_ADMIN");
        if (tnsAdmin != null && java.nio.file.Files.isRegularFile(Path.of(tnsAdmin, "cman.ora"))) {
            return CmanOra.load(Path.of(tnsAdmin, "cman.ora"));
        }
        return CmanOra.embeddedDefault();
    }
}
