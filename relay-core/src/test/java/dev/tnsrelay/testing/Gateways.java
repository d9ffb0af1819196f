package dev.tnsrelay.testing;

import dev.tnsrelay.config.CmanOra;
import dev.tnsrelay.gateway.RelayEngine;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Starts a real gateway on a free loopback port from cman.ora text, with its own threads. */
public final class Gateways implements AutoCloseable {

    public final RelayEngine engine;
    /** The engine's sessions as they open, refuse, establish and close. */
    public final SessionEvents events = new SessionEvents();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    private Gateways(String cmanOra, java.util.function.Consumer<RelayEngine> before) throws IOException {
        this(CmanOra.parse(cmanOra, "test cman.ora"), Clock.systemUTC(), before);
    }

    private Gateways(dev.tnsrelay.config.CmanConfiguration config, java.util.function.Consumer<RelayEngine> before)
            throws IOException {
        this(config, Clock.systemUTC(), before);
    }

    private Gateways(dev.tnsrelay.config.CmanConfiguration config, Clock clock,
            java.util.function.Consumer<RelayEngine> before) throws IOException {
        engine = new RelayEngine(config.instances().get(0), threads, clock).addListener(events);
        before.accept(engine);
        engine.start();
    }

    /** The first instance of a cman.ora file. */
    public static Gateways fromFile(java.nio.file.Path cmanOra) throws IOException {
        return new Gateways(CmanOra.load(cmanOra), e -> { });
    }

    /** The first instance of a cman.ora text. */
    public static Gateways fromText(String cmanOra) throws IOException {
        return new Gateways(cmanOra, e -> { });
    }

    /** The same, with {@code before} given the engine before it starts. */
    public static Gateways fromText(String cmanOra, java.util.function.Consumer<RelayEngine> before)
            throws IOException {
        return new Gateways(cmanOra, before);
    }

    /** The port of the first TCPS endpoint. */
    public int tcpsPort() {
        return engine.tcpsAddresses().get(0).getPort();
    }

    /** An instance on 127.0.0.1 port 0 with these rules and parameters. */
    public static Gateways start(String rules, String parameters) throws IOException {
        return start(rules, parameters, e -> { });
    }

    /** The same, with {@code before} given the engine before it starts (name servers, listeners, limits). */
    public static Gateways start(String rules, String parameters, java.util.function.Consumer<RelayEngine> before)
            throws IOException {
        return new Gateways(cman(rules, parameters), before);
    }

    /** An instance on 127.0.0.1 port 0 whose time is {@code clock}'s (a {@link MutableClock} for expiry). */
    public static Gateways start(String rules, String parameters, Clock clock) throws IOException {
        return new Gateways(CmanOra.parse(cman(rules, parameters), "test cman.ora"), clock, e -> { });
    }

    private static String cman(String rules, String parameters) {
        return "cman_test = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=0))\n"
                + "(RULE_LIST=" + rules + ")\n(PARAMETER_LIST=" + parameters + "))\n";
    }

    public static Gateways acceptingAll(String parameters) throws IOException {
        return start("(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept))", parameters);
    }

    /** Waits until every session has ended; fails the test after 10 s. */
    public void awaitNoSessions() throws InterruptedException {
        if (!events.awaitNoSessions(java.time.Duration.ofSeconds(10))) {
            throw new AssertionError("sessions still open after 10 s: " + engine.sessions(s -> true));
        }
    }

    public int port() {
        return engine.listenAddresses().get(0).getPort();
    }

    public String address() {
        return "(ADDRESS=(PROTOCOL=TCP)(HOST=127.0.0.1)(PORT=" + port() + "))";
    }

    @Override
    public void close() throws InterruptedException {
        engine.close();
        threads.shutdownNow();
        threads.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
    }
}
