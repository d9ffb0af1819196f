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
 * Runs one instance standalone, for tests and benchmarks: {@code RelayMain <cman.ora> [instance]}. Prints
 * where it listens; stops with shutdown abort on SIGTERM or Ctrl-C.
 */
public final class RelayMain {

    private RelayMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: RelayMain <cman.ora> [instance]");
            System.exit(2);
        }
        CmanInstance instance;
        try {
            CmanConfiguration config = CmanOra.load(Path.of(args[0]));
            instance = args.length == 2 ? config.instance(args[1]).orElseThrow(
                    () -> new IllegalArgumentException("no instance " + args[1] + " in " + args[0]))
                    : config.defaultInstance(InetAddress.getLocalHost().getHostName());
        } catch (NetParseException | IllegalArgumentException e) {
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
}
