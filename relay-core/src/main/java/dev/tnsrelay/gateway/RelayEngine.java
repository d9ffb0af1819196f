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
import dev.tnsrelay.registry.ServiceRegistryBean;
import java.lang.management.ManagementFactory;
import javax.management.ObjectName;
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

/**
 * A running Connection Manager instance: its listener and gateways, and the control operations behind cmctl
 * (used by the command line, REST, JMX and the screens alike). Threads come from the {@link Executor} given —
 * the server's WorkManager when hosted, a plain pool standalone — one for the listener and one per gateway,
 * for as long as the instance runs.
 *
 * <p>Gateways: MIN_GATEWAY_PROCESSES of them are started (at least one). MAX_CONNECTIONS applies to each.
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
    private volatile RuleList rules;
    private volatile CmanParameters parameters;
    private Listener listener;
    private ObjectName mbeanName;
    private HealthCheck healthCheck;
    private volatile java.time.Instant startedAt;
    private boolean healthChecking;

    public RelayEngine(CmanInstance instance, Executor executor, Clock clock) {
        this.instance = instance;
        this.executor = executor;
        this.clock = clock;
        this.rules = instance.rules();
        this.parameters = instance.parameters();
        this.registry = new ServiceRegistry(clock, instance.parameters());
        this.events = new EventLog(clock);
        registerStatic(instance);
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
        registerMBeans();
        startedAt = clock.instant();
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

    /** SHOW CONNECTIONS: a snapshot from every gateway, each taken on its own thread. */
    public List<SessionInfo> sessions(SessionFilter filter) {
        List<SessionInfo> rows = new ArrayList<>();
        for (List<SessionInfo> part : onEveryGateway(g -> g.call(g::snapshot))) {
            rows.addAll(part);
        }
        var selects = filter.predicate(clock.instant());
        return rows.stream().filter(selects).sorted(java.util.Comparator.comparingLong(SessionInfo::id)).toList();
    }

    /** CLOSE CONNECTIONS: the number closed. */
    public int close(SessionFilter filter) {
        return onEveryGateway(g -> g.call(() -> g.close(filter, "closed by the administrator")))
                .stream().mapToInt(Integer::intValue).sum();
    }

    /** SHUTDOWN NORMAL: stop accepting; the instance ends when its last session does. */
    public void shutdownNormal() {
        if (healthCheck != null) {
            healthCheck.stop();
        }
        if (listener != null) {
            listener.stop();
        }
        gateways.forEach(Gateway::drain);
    }

    /** One round of the active health check of registered handlers, now (what the periodic check does). */
    public void checkHandlersNow() {
        healthCheck.round();
    }

    /** SHUTDOWN ABORT: stop accepting and close every session now. */
    public void shutdownAbort() {
        if (healthCheck != null) {
            healthCheck.stop();
        }
        if (listener != null) {
            listener.stop();
        }
        gateways.forEach(Gateway::abort);
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

    /** The instance and its first port: its MBeans' {@code name}, so that several engines in one JVM differ. */
    public String managementKey() {
        return instance.name() + "@" + listenAddresses().get(0).getPort();
    }

    /** The registry's MXBean name. */
    public ObjectName registryName() {
        return ManagementNames.of("ServiceRegistry", managementKey(), null);
    }

    private void registerMBeans() throws IOException {
        try {
            mbeanName = registryName();
            ManagementFactory.getPlatformMBeanServer().registerMBean(new ServiceRegistryBean(registry), mbeanName);
        } catch (javax.management.JMException e) {
            shutdownAbort();
            throw new IOException("cannot register " + mbeanName + ": " + e.getMessage(), e);
        }
    }

    private void unregisterMBeans() {
        if (mbeanName != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(mbeanName);
            } catch (javax.management.JMException e) {
                LOG.log(Level.WARNING, "could not unregister {0}: {1}", mbeanName, e.getMessage());
            }
            mbeanName = null;
        }
    }

    /** Abort and wait: what a host's stop() does; every MBean of the instance is unregistered. */
    @Override
    public void close() throws InterruptedException {
        unregisterMBeans();
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
