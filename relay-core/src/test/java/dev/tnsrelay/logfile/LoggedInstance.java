package dev.tnsrelay.logfile;

import dev.tnsrelay.config.CmanInstance;
import dev.tnsrelay.config.CmanOra;
import dev.tnsrelay.gateway.EventLog;
import dev.tnsrelay.gateway.RelayEngine;
import dev.tnsrelay.gateway.SessionInfo;
import dev.tnsrelay.gateway.SessionListener;
import dev.tnsrelay.registry.ServiceRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real gateway on a free loopback port with its instance log, assembled as an owner would: the log is a
 * listener of the engine and of the registry before the engine starts. Session ends are awaited through the
 * same SPI, never by sleeping.
 */
final class LoggedInstance implements AutoCloseable {

    final RelayEngine engine;
    final InstanceLog log;
    final ServiceRegistry registry;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final BlockingQueue<SessionInfo> ended = new LinkedBlockingQueue<>();

    private LoggedInstance(CmanInstance instance) throws IOException {
        Clock clock = Clock.systemUTC();
        log = InstanceLog.open(instance.name(), instance.parameters(), clock, threads);
        registry = new ServiceRegistry(clock, instance.parameters()).addListener(log);
        engine = new RelayEngine(instance, threads, clock, registry, new EventLog(clock)).addListener(log)
                .addListener(new SessionListener() {
                    @Override
                    public void closed(SessionInfo session, String cause) {
                        ended.add(session);
                    }
                });
        engine.start();
        log.started(engine);
    }

    /** An instance on 127.0.0.1 port 0 with these rules and parameters. */
    static LoggedInstance start(String rules, String parameters) throws IOException {
        return new LoggedInstance(CmanOra.parse("cman_test = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)"
                + "(PORT=0))\n(RULE_LIST=" + rules + ")\n(PARAMETER_LIST=" + parameters + "))\n", "test cman.ora")
                .instances().get(0));
    }

    /**
     * cmctl against this instance, through the admin model wired as the instance wires it: a SET reaches the log
     * through {@code parametersChanged}.
     */
    dev.tnsrelay.admin.cmctl.Cmctl cmctl(Path state) throws IOException {
        Clock clock = Clock.systemUTC();
        Files.writeString(state.resolve("cman.ora"), "cman_test = (CONFIGURATION=(ADDRESS=(HOST=127.0.0.1)(PORT=0))"
                + "(RULE_LIST=(RULE=(SRC=*)(DST=*)(SRV=*)(ACT=accept))))\n");
        dev.tnsrelay.admin.InstanceControl control = new dev.tnsrelay.admin.InstanceControl() {
            @Override
            public RelayEngine engine() {
                return engine;
            }

            @Override
            public void startup() {
                throw new UnsupportedOperationException("no startup here");
            }

            @Override
            public void parametersChanged(dev.tnsrelay.config.CmanParameters now) throws IOException {
                log.apply(now);
            }
        };
        dev.tnsrelay.admin.Administration admin = new dev.tnsrelay.admin.Administration(control,
                dev.tnsrelay.config.CmanOraFile.of(state.resolve("cman.ora"), "cman_test"),
                new dev.tnsrelay.admin.AuditLog(java.util.Optional.empty(), engine.events(), clock),
                dev.tnsrelay.admin.users.Users.in(state, clock), name -> {
                    throw new UnsupportedOperationException("no naming here");
                }, clock, dev.tnsrelay.admin.AdminHosts.of(""), new dev.tnsrelay.admin.stats.Statistics(clock, () -> java.util.Optional.of(engine)),
                Runnable::run, null, dev.tnsrelay.admin.ClusterControl.ALONE);
        return new dev.tnsrelay.admin.cmctl.Cmctl(admin);
    }

    int port() {
        return engine.listenAddresses().get(0).getPort();
    }

    String address() {
        return "(ADDRESS=(PROTOCOL=TCP)(HOST=127.0.0.1)(PORT=" + port() + "))";
    }

    /** The next session to end, as the engine told it, within 20 s. */
    SessionInfo awaitEnd() throws InterruptedException {
        SessionInfo s = ended.poll(20, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("no session ended within 20 s");
        }
        return s;
    }

    /** Every line of the current log file, once what is queued is written. */
    List<String> lines() throws IOException {
        log.flush();
        return Files.readAllLines(log.file().orElseThrow(), StandardCharsets.UTF_8);
    }

    static List<String> linesOf(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        engine.close();
        log.stopped(engine);
        log.close();
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }
}
