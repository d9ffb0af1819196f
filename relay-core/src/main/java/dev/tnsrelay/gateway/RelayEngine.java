package dev.tnsrelay.gateway;

import dev.tnsrelay.config.CmanInstance;
import dev.tnsrelay.config.CmanParameter;
import dev.tnsrelay.config.CmanParameters;
import dev.tnsrelay.descriptor.Address;
import dev.tnsrelay.config.StaticService;
import dev.tnsrelay.registry.Handler;
import dev.tnsrelay.registry.HandlerState;
import dev.tnsrelay.registry.Registration;
import dev.tnsrelay.registry.ServiceRegistry;
import dev.tnsrelay.rules.RuleList;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A running Connection Manager instance: its listener and gateways, and the control operations behind cmctl
 * (used by the command line, REST, JMX and the screens alike). Threads come from the {@link Executor} given —
 * the server's WorkManager when hosted, a plain pool standalone — one for the listener and one per gateway,
 * for as long as the instance runs.
 *
 * <p>Gateways: MIN_GATEWAY_PROCESSES of them are started (at least one). MAX_CONNECTIONS applies to each.
 *
 * <p>An engine runs once: after a shutdown the instance that owns it builds a new one. The registry and the event
 * log are the instance's and outlive it. An {@link Error} in a loop fails the engine: it stops listening, closes
 * every session and ends in {@link EngineState#FAILED}, rather than staying open and silent.
 */
public final class RelayEngine implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.gateway");
    private static final long CONTROL_TIMEOUT_SECONDS = 10;

    private final CmanInstance instance;
    private final Executor executor;
    private final Clock clock;
    private final AtomicLong sessionIds = new AtomicLong();
    private final List<Gateway> gateways = new ArrayList<>();
    private final ServiceRegistry registry;
    private final EventLog events;
    private final RouteLoops routeLoops = new RouteLoops();
    private volatile RuleList rules;
    private volatile CmanParameters parameters;
    private final Listeners listeners = new Listeners();
    private volatile EngineState state = EngineState.STARTING;
    private volatile Throwable failure;
    private Listener listener;
    private HealthCheck healthCheck;
    private volatile java.time.Instant startedAt;
    private boolean healthChecking;

    /** An engine with a registry and an event log of its own. */
    public RelayEngine(CmanInstance instance, Executor executor, Clock clock) {
        this(instance, executor, clock, new ServiceRegistry(clock, instance.parameters()), new EventLog(clock));
    }

    /** An engine that routes by {@code registry} and writes to {@code events}, both owned by the caller. */
    public RelayEngine(CmanInstance instance, Executor executor, Clock clock, ServiceRegistry registry,
            EventLog events) {
        this.instance = instance;
        this.executor = executor;
        this.clock = clock;
        this.rules = instance.rules();
        this.parameters = instance.parameters();
        this.registry = registry;
        this.events = events;
        registerStatic(instance);
    }

    /** Adds a listener to every session's events; before {@link #start()}, so that it misses none. */
    public RelayEngine addListener(SessionListener l) {
        listeners.add(l);
        return this;
    }

    Listeners listeners() {
        return listeners;
    }

    public EngineState state() {
        return state;
    }

    /** What failed the engine, when it is {@link EngineState#FAILED}. */
    public java.util.Optional<Throwable> failure() {
        return java.util.Optional.ofNullable(failure);
    }

    /**
     * A loop met an {@link Error}: the engine cannot be trusted to serve any more. It stops listening and closes
     * every session at once, and says so loudly; the owner sees {@link EngineState#FAILED}.
     */
    void fail(Throwable cause) {
        synchronized (this) {
            if (state == EngineState.FAILED) {
                return;
            }
            failure = cause;
            state = EngineState.FAILED;
        }
        LOG.log(Level.ERROR, "instance " + instance.name() + " failed and stopped listening; restart it", cause);
        events.add("instance", "instance " + instance.name() + " failed: " + cause);
        stopLoops(true);
    }

    private void registerStatic(CmanInstance from) {
        for (StaticService s : from.services()) {
            registry.put(new Registration(s.service(), s.instance(), s.node(), List.of(new Handler(s.server().name(),
                    s.address(), s.server(), 0, s.maxLoad(), HandlerState.READY)), Duration.ZERO));
        }
    }

    /** Binds every listening address and starts the gateways; fails, leaving nothing open, if one cannot bind. */
    public synchronized RelayEngine start() throws IOException {
        if (listener != null) {
            throw new IllegalStateException("instance " + instance.name() + " is already started");
        }
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (Address a : instance.addresses()) {
            addresses.add(new InetSocketAddress(a.socketHost(), a.port()));
        }
        int count = Math.max(1, parameters.number(CmanParameter.MIN_GATEWAY_PROCESSES));
        for (int i = 0; i < count; i++) {
            gateways.add(new Gateway(i, this));
        }
        listener = new Listener(this, addresses);
        gateways.forEach(executor::execute);
        executor.execute(listener);
        Duration every = parameters.duration(CmanParameter.HEALTH_CHECK_INTERVAL);
        healthCheck = new HealthCheck(registry, every.isZero() ? Duration.ofDays(1) : every);
        healthChecking = !every.isZero();
        if (healthChecking) {
            executor.execute(healthCheck);
        }
        awaitLoops();
        startedAt = clock.instant();
        state = EngineState.RUNNING;
        events.add("instance", "instance " + instance.name() + " started, listening on " + listener.boundAddresses()
                + " with " + count + " gateways");
        LOG.log(Level.INFO, "instance {0} listening on {1} with {2} gateways", instance.name(),
                listener.boundAddresses(), count);
        return this;
    }

    /** Returns once every loop runs: a host whose executor never runs them gets an error, not half a gateway. */
    private void awaitLoops() throws IOException {
        try {
            boolean ready = listener.lifecycle().awaitRunning(CONTROL_TIMEOUT_SECONDS * 1000);
            for (Gateway g : gateways) {
                ready &= g.lifecycle().awaitRunning(CONTROL_TIMEOUT_SECONDS * 1000);
            }
            if (healthChecking) {
                ready &= healthCheck.lifecycle().awaitRunning(CONTROL_TIMEOUT_SECONDS * 1000);
            }
            if (!ready) {
                shutdownAbort();
                listener.closeAll(); // its loop may never have run to close them
                throw new IOException("the executor did not run the listener and gateway loops within "
                        + CONTROL_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdownAbort();
            throw new IOException("interrupted while starting", e);
        }
    }

    /** When the instance started (for show status). */
    public java.time.Instant startedAt() {
        return startedAt;
    }

    /** Where the instance's configuration came from (for show status). */
    public String configSource() {
        return instance.position().source();
    }

    /**
     * RELOAD: the rules, parameters and static services of a re-read cman.ora, for new connections; established
     * sessions are left alone and earlier SETs are overridden. Listening addresses and the number of gateways
     * change only with a restart.
     */
    public void reload(CmanInstance reread) {
        reload(reread.rules());
        parameters = reread.parameters();
        registerStatic(reread);
    }

    public String name() {
        return instance.name();
    }

    /** The addresses actually bound (a configured port 0 shows the port chosen). */
    public List<InetSocketAddress> listenAddresses() {
        return listener == null ? List.of() : listener.boundAddresses();
    }

    Clock clock() {
        return clock;
    }

    RouteLoops routeLoops() {
        return routeLoops;
    }

    /** True if {@code address:port} is one of the instance's listening sockets (a wildcard bind: any local address). */
    boolean listensOn(java.net.InetAddress address, int port) {
        for (InetSocketAddress a : listenAddresses()) {
            if (a.getPort() == port && (a.getAddress().equals(address)
                    || a.getAddress().isAnyLocalAddress() && LocalAddresses.isLocal(address))) {
                return true;
            }
        }
        return false;
    }

    long nextSessionId() {
        return sessionIds.incrementAndGet();
    }

    List<Gateway> gatewayList() {
        return gateways;
    }

    /** The services databases registered with this instance; connects without SOURCE_ROUTE are routed by it. */
    public ServiceRegistry registry() {
        return registry;
    }

    /** Recent refusals, drops and administrators' actions. */
    public EventLog events() {
        return events;
    }

    public RuleList rules() {
        return rules;
    }

    public CmanParameters parameters() {
        return parameters;
    }

    /** RELOAD of the rules: new connections meet the new list; established sessions are left alone. */
    public void reload(RuleList newRules) {
        rules = newRules;
        LOG.log(Level.INFO, "instance {0}: rule list reloaded, {1} rules", instance.name(), newRules.rules().size());
    }

    /**
     * SET: changes one parameter of the running instance, until the next reload or restart.
     *
     * @throws IllegalArgumentException if the parameter may not be set at run time or the value is not valid
     */
    public void set(CmanParameter parameter, String value) {
        parameter.requireOffered(value); // what tnsrelay does not offer says so, settable or not
        if (!parameter.settable()) {
            throw new IllegalArgumentException(parameter + " cannot be changed while the instance runs");
        }
        parameters = parameters.with(parameter, value);
    }

    public void suspend(int gatewayId) {
        gateway(gatewayId).suspended(true);
    }

    public void resume(int gatewayId) {
        gateway(gatewayId).suspended(false);
    }

    public List<GatewayInfo> gateways() {
        return gateways.stream().map(Gateway::info).toList();
    }

    /** SHOW CONNECTIONS: the sessions {@code selects} picks, each snapshot taken on its gateway's own thread. */
    public List<SessionInfo> sessions(Predicate<SessionInfo> selects) {
        List<SessionInfo> rows = new ArrayList<>();
        for (List<SessionInfo> part : onEveryGateway(g -> g.call(g::snapshot))) {
            rows.addAll(part);
        }
        return rows.stream().filter(selects).sorted(java.util.Comparator.comparingLong(SessionInfo::id)).toList();
    }

    /** CLOSE CONNECTIONS: closes the sessions {@code selects} picks; the number closed. */
    public int close(Predicate<SessionInfo> selects) {
        return onEveryGateway(g -> g.call(() -> g.close(selects, "closed by the administrator")))
                .stream().mapToInt(Integer::intValue).sum();
    }

    /** SHUTDOWN NORMAL: stop accepting; the instance ends when its last session does. */
    public void shutdownNormal() {
        if (state == EngineState.RUNNING || state == EngineState.STARTING) {
            state = EngineState.DRAINING;
        }
        stopLoops(false);
    }

    private void stopLoops(boolean abort) {
        if (healthCheck != null) {
            healthCheck.stop();
        }
        if (listener != null) {
            listener.stop();
        }
        gateways.forEach(abort ? Gateway::abort : Gateway::drain);
    }

    /** One round of the active health check of registered handlers, now (what the periodic check does). */
    public void checkHandlersNow() {
        healthCheck.round();
    }

    /** SHUTDOWN ABORT: stop accepting and close every session now. */
    public void shutdownAbort() {
        if (state != EngineState.FAILED) {
            state = EngineState.DRAINING;
        }
        stopLoops(true);
    }

    /** Waits until the listener and every gateway have stopped and released their sockets. */
    public boolean awaitTermination(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        if (listener != null && !listener.lifecycle().awaitFinished(remaining(deadline))) {
            return false;
        }
        for (Gateway g : gateways) {
            if (!g.lifecycle().awaitFinished(remaining(deadline))) {
                return false;
            }
        }
        return !healthChecking || healthCheck.lifecycle().awaitFinished(remaining(deadline));
    }

    /** A loop has ended; when the listener and every gateway have, the engine has stopped. */
    void loopFinished() {
        boolean all = listener != null && listener.lifecycle().hasFinished()
                && gateways.stream().allMatch(g -> g.lifecycle().hasFinished());
        synchronized (this) {
            if (all && state != EngineState.FAILED) {
                state = EngineState.STOPPED;
            }
        }
    }

    /** The instance and its first port: its MBeans' {@code name}, so that several engines in one JVM differ. */
    public String managementKey() {
        return instance.name() + "@" + listenAddresses().get(0).getPort();
    }

    /** Abort and wait: what a host's stop() does. */
    @Override
    public void close() throws InterruptedException {
        shutdownAbort();
        if (!awaitTermination(Duration.ofSeconds(CONTROL_TIMEOUT_SECONDS))) {
            LOG.log(Level.WARNING, "instance {0} did not stop within {1} s", instance.name(), CONTROL_TIMEOUT_SECONDS);
        }
    }

    private static long remaining(long deadlineNanos) {
        return Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    private Gateway gateway(int id) {
        if (id < 0 || id >= gateways.size()) {
            throw new IllegalArgumentException("no gateway " + id + "; gateways are 0 to " + (gateways.size() - 1));
        }
        return gateways.get(id);
    }

    private <T> List<T> onEveryGateway(java.util.function.Function<Gateway, CompletableFuture<T>> task) {
        List<CompletableFuture<T>> futures = new ArrayList<>();
        for (Gateway g : gateways) {
            futures.add(task.apply(g));
        }
        List<T> results = new ArrayList<>();
        for (CompletableFuture<T> f : futures) {
            try {
                results.add(f.get(CONTROL_TIMEOUT_SECONDS, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                // a stopped gateway has no sessions to show or close
            } catch (TimeoutException e) {
                throw new IllegalStateException("a gateway did not answer within " + CONTROL_TIMEOUT_SECONDS + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while asking the gateways", e);
            }
        }
        return results;
    }
}
