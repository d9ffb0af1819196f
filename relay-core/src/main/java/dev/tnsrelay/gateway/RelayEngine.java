package dev.tnsrelay.gateway;

import dev.tnsrelay.config.CmanInstance;
import dev.tnsrelay.config.CmanParameter;
import dev.tnsrelay.config.CmanParameters;
import dev.tnsrelay.config.StaticService;
import dev.tnsrelay.descriptor.Address;
import dev.tnsrelay.registry.Handler;
import dev.tnsrelay.registry.HandlerState;
import dev.tnsrelay.registry.Registration;
import dev.tnsrelay.registry.ServiceRegistry;
import dev.tnsrelay.rules.RuleList;
import io.netty.channel.Channel;
import io.netty.resolver.dns.DefaultDnsCache;
import io.netty.resolver.dns.DnsCache;
import io.netty.resolver.dns.DnsServerAddressStreamProvider;
import io.netty.resolver.dns.SequentialDnsServerAddressStreamProvider;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.tnsrelay.tls.CertificateInfo;
import dev.tnsrelay.tls.TlsContexts;
import dev.tnsrelay.tls.TlsFailure;
import dev.tnsrelay.tls.WalletException;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A running Connection Manager instance: its listener and gateways, and the control operations behind cmctl
 * (used by the command line, REST, JMX and the screens alike). Threads come from the {@link Executor} given —
 * the server's WorkManager when hosted, a plain pool standalone — one for the listener and one per gateway, for
 * as long as each runs; Netty's event loops run on them.
 *
 * <p>Gateways grow and shrink as CMAN's do: MIN_GATEWAY_PROCESSES start; when every running gateway holds
 * MAX_CONNECTIONS sessions the listener starts another, up to MAX_GATEWAY_PROCESSES; a gateway above the minimum
 * that has had no session for {@link #IDLE_GATEWAY_STOPS_AFTER} (60 s) stops. ORA-12519 only when all are full.
 *
 * <p>An engine runs once: after a shutdown the instance that owns it builds a new one. The registry and the event
 * log are the instance's and outlive it. An {@link Error} in a loop fails the engine: it stops listening, closes
 * every session and ends in {@link EngineState#FAILED}, rather than staying open and silent.
 */
public final class RelayEngine implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.gateway");
    private static final long CONTROL_TIMEOUT_SECONDS = 10;
    /** How long a surplus gateway (above MIN_GATEWAY_PROCESSES) may stay without a session before it stops. */
    public static final Duration IDLE_GATEWAY_STOPS_AFTER = Duration.ofSeconds(60);
    /** How long a failed lookup is remembered before a name is asked again. */
    private static final int NEGATIVE_DNS_SECONDS = 5;

    private final CmanInstance instance;
    private final Executor executor;
    private final Clock clock;
    private final AtomicLong sessionIds = new AtomicLong();
    private final ServiceRegistry registry;
    private final EventLog events;
    private final Listeners listeners = new Listeners();
    private final List<Runnable> onEnd = new CopyOnWriteArrayList<>();
    private boolean ended;
    private final RouteLoops routeLoops = new RouteLoops();
    private final DnsCache dnsCache = new DefaultDnsCache(0, Integer.MAX_VALUE, NEGATIVE_DNS_SECONDS);
    private final List<Gateway> retired = new CopyOnWriteArrayList<>();
    private volatile List<Gateway> gateways = List.of();
    private volatile List<InetSocketAddress> bound = List.of();
    private volatile RuleList rules;
    private volatile CmanParameters parameters;
    private volatile EngineState state = EngineState.STARTING;
    /** Guards the state's changes; never the engine's monitor, which start() holds while it waits for loops. */
    private final Object stateChange = new Object();
    private volatile Throwable failure;
    private volatile Instant startedAt;
    private Optional<DnsServerAddressStreamProvider> nameServers = Optional.empty();
    private Duration dnsQueryTimeout = Duration.ofSeconds(5);
    private Duration idleGatewayStopsAfter = IDLE_GATEWAY_STOPS_AFTER;
    private Transport transport;
    private Map<String, String> environment = System.getenv();
    /** The TLS contexts of the moment: built at start, replaced by RELOAD for new sessions. */
    private volatile TlsContexts tls;
    /** The bound addresses that are TCPS endpoints. */
    private volatile List<InetSocketAddress> tcps = List.of();
    private final Map<TlsFailure.Cause, LongAdder> tlsFailures = new EnumMap<>(TlsFailure.Cause.class);
    /** Rate limits and handshake caps: one per engine, on its clock. */
    private final Admittance admittance;
    private final RefusalLog refusalLog = new RefusalLog();
    /** PROXY_FROM as read, and the subnets it names: read again when a RELOAD changes it. */
    private volatile ProxyFrom proxyFrom = new ProxyFrom(List.of(), List.of());
    private Listener listener;
    private HealthCheck healthCheck;
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
        this.admittance = new Admittance(clock, this::blockedNow);
        registerStatic(instance);
    }

    /** The load balancers whose connections begin with a PROXY header. */
    private record ProxyFrom(List<String> text, List<dev.tnsrelay.rules.HostPattern.Subnet> subnets) {
    }

    private void registerStatic(CmanInstance from) {
        for (StaticService s : from.services()) {
            registry.put(new Registration(s.service(), s.instance(), s.node(), List.of(new Handler(s.server().name(),
                    s.address(), s.server(), 0, s.maxLoad(), HandlerState.READY)), Duration.ZERO));
        }
    }

    /** Adds a listener to every session's events; before {@link #start()}, so that it misses none. */
    public RelayEngine addListener(SessionListener l) {
        listeners.add(l);
        return this;
    }

    /** Runs {@code r} once, when every loop has ended (the engine STOPPED or FAILED), on the last loop's thread. */
    public RelayEngine whenEnded(Runnable r) {
        onEnd.add(r);
        return this;
    }

    /**
     * Asks these DNS servers instead of the system's (/etc/resolv.conf), with this time per query; before
     * {@link #start()}. The hosts file is read first either way.
     */
    public RelayEngine useNameServers(List<InetSocketAddress> servers, Duration queryTimeout) {
        nameServers = Optional.of(new SequentialDnsServerAddressStreamProvider(servers));
        dnsQueryTimeout = queryTimeout;
        return this;
    }

    /**
     * The environment a wallet password is read from ({@link dev.tnsrelay.tls.WalletPassword#VARIABLE}), for
     * tests; before {@link #start()}. The process's own by default.
     */
    public RelayEngine useEnvironment(Map<String, String> variables) {
        environment = Map.copyOf(variables);
        return this;
    }

    /** How long a surplus gateway may stay without a session before it stops; before {@link #start()}. */
    public RelayEngine stopIdleGatewaysAfter(Duration idle) {
        idleGatewayStopsAfter = idle;
        return this;
    }

    /** Binds every listening address and starts the gateways; fails, leaving nothing open, if one cannot bind. */
    public synchronized RelayEngine start() throws IOException {
        if (listener != null) {
            throw new IllegalStateException("instance " + instance.name() + " is already started");
        }
        for (TlsFailure.Cause c : TlsFailure.Cause.values()) {
            tlsFailures.put(c, new LongAdder());
        }
        try {
            tls = TlsContexts.build(instance.tls(), instance.listensOnTcps(), environment);
        } catch (WalletException e) {
            state = EngineState.STOPPED;
            throw new IOException(e.getMessage(), e);
        }
        transport = Transport.best();
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (Address a : instance.addresses()) {
            addresses.add(new InetSocketAddress(a.socketHost(), a.port()));
        }
        listener = new Listener(this);
        List<Gateway> first = new ArrayList<>();
        int count = Math.max(1, parameters.number(CmanParameter.MIN_GATEWAY_PROCESSES));
        for (int i = 0; i < count; i++) {
            first.add(new Gateway(i, this));
        }
        gateways = List.copyOf(first);
        first.forEach(Gateway::start);
        try {
            listener.bind(addresses, CONTROL_TIMEOUT_SECONDS * 1000);
        } catch (IOException e) {
            throw failedStart(e);
        }
        bound = listener.boundAddresses();
        List<InetSocketAddress> secure = new ArrayList<>();
        for (int i = 0; i < bound.size() && i < instance.addresses().size(); i++) {
            if (instance.addresses().get(i).protocol().equals("tcps")) {
                secure.add(bound.get(i));
            }
        }
        tcps = List.copyOf(secure);
        Duration every = parameters.duration(CmanParameter.HEALTH_CHECK_INTERVAL);
        healthChecking = !every.isZero();
        healthCheck = new HealthCheck(registry, every.isZero() ? Duration.ofDays(1) : every, this::loopFinished);
        if (healthChecking) {
            healthCheck.lifecycle().around(executor, (t, e) -> fail(e)).execute(healthCheck);
        }
        awaitLoops();
        long checkEvery = Math.max(100, Math.min(10_000, idleGatewayStopsAfter.toMillis() / 4));
        listener.loop().scheduleAtFixedRate(this::stopIdleGateways, checkEvery, checkEvery, TimeUnit.MILLISECONDS);
        listener.loop().scheduleAtFixedRate(() -> warnOfExpiry(tls), 1, 1, TimeUnit.DAYS);
        long window = RefusalLog.WINDOW.toMillis();
        listener.loop().scheduleAtFixedRate(() -> {
            refusalLog.flush();
            admittance.purgeExpired(parameters);
        }, window, window, TimeUnit.MILLISECONDS);
        startedAt = clock.instant();
        state = EngineState.RUNNING;
        events.add("instance", "instance " + instance.name() + " started, listening on " + bound + " with " + count
                + " gateways (" + transport + ")");
        LOG.log(Level.INFO, "instance {0} listening on {1} with {2} gateways ({3})", instance.name(), bound, count,
                transport);
        if (!tcps.isEmpty()) {
            LOG.log(Level.INFO, "instance {0}: TCPS on {1}, TLS by {2}, {3}, client certificates {4}", instance.name(),
                    tcps, tls.provider(), instance.tls().protocols(),
                    instance.tls().clientAuthentication() ? "required" : "not asked for");
            events.add("tls", "TCPS on " + tcps + ", TLS by " + tls.provider());
        }
        warnOfExpiry(tls);
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
                throw failedStart(new IOException("the executor did not run the listener and gateway loops within "
                        + CONTROL_TIMEOUT_SECONDS + " s"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopLoops(true);
            throw new IOException("interrupted while starting", e);
        }
    }

    /** A start that failed leaves nothing running: every loop is stopped, and waited for, before it says so. */
    private IOException failedStart(IOException cause) {
        state = EngineState.STOPPED;
        stopLoops(true);
        try {
            if (!awaitTermination(Duration.ofSeconds(CONTROL_TIMEOUT_SECONDS))) {
                LOG.log(Level.WARNING, "instance {0}: loops still running after a failed start", instance.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return cause;
    }

    // ---- the listener's hand-off, gateways growing and shrinking (on the listener's loop)

    /** Gives an accepted socket to the least loaded gateway that takes new sessions, starting one if all are full. */
    void handOff(Channel child) {
        Gateway chosen = leastLoaded(gateways, true);
        Refusal preset = null;
        if (chosen == null) {
            chosen = leastLoaded(gateways, false);
            preset = new Refusal(OracleError.NO_HANDLER.number(), Refusal.Reason.LIMIT, "every gateway is suspended");
        } else if (chosen.activeSessions() >= parameters.number(CmanParameter.MAX_CONNECTIONS)) {
            if (gateways.size() < parameters.number(CmanParameter.MAX_GATEWAY_PROCESSES) && state == EngineState.RUNNING) {
                chosen = addGateway();
            } else {
                preset = new Refusal(OracleError.NO_HANDLER.number(), Refusal.Reason.LIMIT, "all " + gateways.size()
                        + " gateways hold MAX_CONNECTIONS sessions");
            }
        }
        chosen.adopt(child, sessionIds.incrementAndGet(), preset);
    }

    private static Gateway leastLoaded(List<Gateway> candidates, boolean takingNew) {
        Gateway chosen = null;
        for (Gateway g : candidates) {
            if ((!takingNew || !g.suspended()) && (chosen == null || g.activeSessions() < chosen.activeSessions())) {
                chosen = g;
            }
        }
        return chosen;
    }

    private Gateway addGateway() {
        int id = 0;
        while (true) {
            int candidate = id;
            if (gateways.stream().noneMatch(g -> g.id() == candidate)) {
                break;
            }
            id++;
        }
        Gateway g = new Gateway(id, this);
        g.start();
        List<Gateway> more = new ArrayList<>(gateways);
        more.add(g);
        more.sort(Comparator.comparingInt(Gateway::id));
        gateways = List.copyOf(more);
        events.add("instance", "gateway " + id + " started: every other gateway holds MAX_CONNECTIONS sessions");
        LOG.log(Level.INFO, "instance {0}: gateway {1} started ({2} running)", instance.name(), id, more.size());
        return g;
    }

    private void stopIdleGateways() {
        int min = Math.max(1, parameters.number(CmanParameter.MIN_GATEWAY_PROCESSES));
        long now = System.nanoTime();
        List<Gateway> keep = new ArrayList<>(gateways);
        for (Gateway g : gateways) {
            if (keep.size() > min && !g.suspended() && g.idleNanos(now) >= idleGatewayStopsAfter.toNanos()) {
                keep.remove(g);
                retired.add(g);
                gateways = List.copyOf(keep);
                g.drain();
                events.add("instance", "gateway " + g.id() + " stopped: no session for "
                        + idleGatewayStopsAfter.toSeconds() + " s");
            }
        }
    }

    // ---- what the gateways read

    Executor executor() {
        return executor;
    }

    Transport transport() {
        return transport;
    }

    DnsCache dnsCache() {
        return dnsCache;
    }

    Optional<DnsServerAddressStreamProvider> nameServers() {
        return nameServers;
    }

    Duration dnsQueryTimeout() {
        return dnsQueryTimeout;
    }

    Clock clock() {
        return clock;
    }

    Listeners listeners() {
        return listeners;
    }

    RouteLoops routeLoops() {
        return routeLoops;
    }

    Admittance admittance() {
        return admittance;
    }

    RefusalLog refusalLog() {
        return refusalLog;
    }

    /** True if {@code peer} is a load balancer in PROXY_FROM, whose connections begin with a PROXY header. */
    boolean fromProxy(InetAddress peer) {
        List<String> now = parameters.list(CmanParameter.PROXY_FROM);
        ProxyFrom known = proxyFrom;
        if (!known.text().equals(now)) {
            known = new ProxyFrom(now, now.stream().map(t -> (dev.tnsrelay.rules.HostPattern.Subnet)
                    dev.tnsrelay.rules.HostPattern.parse(t)).toList());
            proxyFrom = known;
        }
        for (dev.tnsrelay.rules.HostPattern.Subnet s : known.subnets()) {
            if (s.contains(peer)) {
                return true;
            }
        }
        return false;
    }

    /** An address has just been blocked by the IP rate limit: the line Oracle's CMAN writes, once, and an event. */
    private void blockedNow(Admittance.Blocked b) {
        String ip = b.address().getHostAddress();
        LOG.log(Level.INFO, "IP rate limit enforced for ip address {0} (on {1}: more than {2} new connections in {3}"
                + " s; blocked until {4})", ip, b.endpoint(), Integer.toString(parameters.number(
                CmanParameter.IP_RATE_COUNT)), Long.toString(parameters.duration(CmanParameter.IP_RATE_INTERVAL)
                .toSeconds()), b.until());
        events.add("blocked", "IP rate limit enforced for ip address " + ip + " on " + b.endpoint() + " until "
                + b.until());
        BlockedAddress told = new BlockedAddress(b.address(), b.endpoint(), b.since(), b.until());
        listeners.tell(l -> l.blocked(told));
    }

    /** True if {@code address:port} is one of the instance's listening sockets (a wildcard bind: any local address). */
    boolean listensOn(InetAddress address, int port) {
        for (InetSocketAddress a : bound) {
            if (a.getPort() == port && (a.getAddress().equals(address)
                    || a.getAddress().isAnyLocalAddress() && LocalAddresses.isLocal(address))) {
                return true;
            }
        }
        return false;
    }

    // ---- what the instance shows

    public String name() {
        return instance.name();
    }

    public EngineState state() {
        return state;
    }

    /** What failed the engine, when it is {@link EngineState#FAILED}. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** When the instance started (for show status). */
    public Instant startedAt() {
        return startedAt;
    }

    /** Where the instance's configuration came from (for show status). */
    public String configSource() {
        return instance.position().source();
    }

    // ---- TLS

    /** The TLS contexts in use now (RELOAD replaces them for new sessions). */
    public TlsContexts tls() {
        return tls;
    }

    /** The TCPS endpoints among the bound addresses. */
    public List<InetSocketAddress> tcpsAddresses() {
        return tcps;
    }

    /** The TLS context of the endpoint a client connected to, when it is TCPS. */
    Optional<io.netty.handler.ssl.SslContext> serverTlsFor(InetSocketAddress local) {
        for (InetSocketAddress a : tcps) {
            if (a.getPort() == local.getPort()
                    && (a.getAddress().equals(local.getAddress()) || a.getAddress().isAnyLocalAddress())) {
                return tls.server();
            }
        }
        return Optional.empty();
    }

    void countTlsFailure(TlsFailure f) {
        tlsFailures.get(f.cause()).increment();
    }

    /** Failed TLS handshakes since the start, per cause ({@code unknown_ca}…), every cause listed. */
    public Map<String, Long> tlsFailures() {
        Map<String, Long> out = new LinkedHashMap<>();
        tlsFailures.forEach((c, n) -> out.put(c.label(), n.sum()));
        return out;
    }

    /** An event and a log warning for each certificate that expires within 30 days, or has expired. */
    private void warnOfExpiry(TlsContexts contexts) {
        for (CertificateInfo c : contexts.expiringSoon(clock)) {
            long days = Duration.between(clock.instant(), c.notAfter()).toDays();
            String text = "certificate " + c.subject() + " (" + c.role() + ") " + (days < 0 ? "expired on "
                    : "expires on ") + c.notAfter() + (days < 0 ? "" : ", in " + days + " days");
            LOG.log(Level.WARNING, "instance {0}: {1}", instance.name(), text);
            events.add("tls", text);
        }
    }

    /** The network transport in use: native epoll or Java NIO. */
    public String transportName() {
        return transport == null ? "" : transport.name;
    }

    /** The addresses actually bound (a configured port 0 shows the port chosen). */
    public List<InetSocketAddress> listenAddresses() {
        return state == EngineState.RUNNING || state == EngineState.STARTING ? bound : List.of();
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

    public List<GatewayInfo> gateways() {
        return gateways.stream().map(Gateway::info).toList();
    }

    /** Every gateway this engine has run, those stopped while idle too: byte totals that outlive a gateway. */
    public List<GatewayInfo> everyGateway() {
        return java.util.stream.Stream.concat(gateways.stream(), retired.stream()).map(Gateway::info).toList();
    }

    /** SHOW CONNECTIONS: the sessions {@code selects} picks, each snapshot taken on its gateway's own thread. */
    public List<SessionInfo> sessions(Predicate<SessionInfo> selects) {
        List<SessionInfo> rows = new ArrayList<>();
        for (List<SessionInfo> part : onEveryGateway(g -> g.call(g::snapshot))) {
            rows.addAll(part);
        }
        return rows.stream().filter(selects).sorted(Comparator.comparingLong(SessionInfo::id)).toList();
    }

    /** Addresses blocked now by the IP rate limit (IP_RATE_*), on each listening endpoint, soonest free first. */
    public List<BlockedAddress> blocked() {
        return admittance.blocked().stream().map(b -> new BlockedAddress(b.address(), b.endpoint(), b.since(),
                b.until())).toList();
    }

    /**
     * Lifts the IP rate limit's block of {@code address} on every endpoint, and forgets its count: its next
     * connection is the first of a new interval. False when it was not blocked.
     */
    public boolean unblock(InetAddress address) {
        boolean was = admittance.unblock(address);
        if (was) {
            LOG.log(Level.INFO, "IP rate limit lifted for ip address {0}", address.getHostAddress());
        }
        return was;
    }

    /** Sessions in their handshake now (MAX_HANDSHAKES counts them). */
    public int handshaking() {
        return admittance.handshaking();
    }

    /** The instance and its first port: its MBeans' {@code name}, so that several engines in one JVM differ. */
    public String managementKey() {
        return instance.name() + "@" + (bound.isEmpty() ? 0 : bound.get(0).getPort());
    }

    // ---- what the instance changes

    /**
     * RELOAD: the rules, parameters and static services of a re-read cman.ora, for new connections; established
     * sessions are left alone and earlier SETs are overridden. Listening addresses change only with a restart.
     */
    public void reload(CmanInstance reread) {
        TlsContexts next = tls;
        if (!reread.tls().equals(tls.profile()) || reread.tls().wallet().isPresent()
                || reread.tls().trustedCertificates().isPresent()) {
            try { // the wallet is read again: a new one serves new sessions, established ones keep theirs
                next = TlsContexts.build(reread.tls(), !tcps.isEmpty(), environment);
            } catch (WalletException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        reload(reread.rules());
        parameters = reread.parameters();
        registerStatic(reread);
        if (next != tls) {
            tls = next;
            LOG.log(Level.INFO, "instance {0}: TLS settings and wallet reloaded: {1}", instance.name(),
                    next.certificates().stream().map(CertificateInfo::subject).toList());
            warnOfExpiry(next);
        }
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

    /** CLOSE CONNECTIONS: closes the sessions {@code selects} picks; the number closed. */
    public int close(Predicate<SessionInfo> selects) {
        return onEveryGateway(g -> g.call(() -> g.close(selects, "closed by the administrator")))
                .stream().mapToInt(Integer::intValue).sum();
    }

    /** One round of the active health check of registered handlers, now (what the periodic check does). */
    public void checkHandlersNow() {
        healthCheck.round();
    }

    /** SHUTDOWN NORMAL: stop accepting; the instance ends when its last session does. */
    public void shutdownNormal() {
        if (state == EngineState.RUNNING || state == EngineState.STARTING) {
            state = EngineState.DRAINING;
        }
        stopLoops(false);
    }

    /** SHUTDOWN ABORT: stop accepting and close every session now. */
    public void shutdownAbort() {
        if (state == EngineState.RUNNING || state == EngineState.STARTING) {
            state = EngineState.DRAINING;
        }
        stopLoops(true);
    }

    /**
     * A loop met an {@link Error}: the engine cannot be trusted to serve any more. It stops listening and closes
     * every session at once, and says so loudly; the owner sees {@link EngineState#FAILED}.
     */
    void fail(Throwable cause) {
        synchronized (stateChange) {
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

    private void stopLoops(boolean abort) {
        if (healthCheck != null) {
            healthCheck.stop();
        }
        if (listener != null) {
            listener.stop();
        }
        gateways.forEach(abort ? Gateway::abort : Gateway::drain);
    }

    /** A loop has ended; when the listener and every gateway have, the engine has stopped. */
    void loopFinished() {
        boolean all = listener != null && listener.lifecycle().hasFinished()
                && gateways.stream().allMatch(g -> g.lifecycle().hasFinished())
                && retired.stream().allMatch(g -> g.lifecycle().hasFinished());
        boolean tell;
        synchronized (stateChange) {
            if (all && state != EngineState.FAILED && state != EngineState.STARTING) {
                state = EngineState.STOPPED;
            }
            tell = all && !ended && (state == EngineState.STOPPED || state == EngineState.FAILED);
            ended |= tell;
        }
        if (tell) {
            for (Runnable r : onEnd) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "what was to run at the end of instance " + instance.name() + " failed", e);
                }
            }
        }
    }

    /** Waits until the listener and every gateway have stopped and released their sockets. */
    public boolean awaitTermination(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        if (listener != null && !listener.lifecycle().awaitFinished(remaining(deadline))) {
            return false;
        }
        List<Gateway> all = new ArrayList<>(gateways);
        all.addAll(retired);
        for (Gateway g : all) {
            if (!g.lifecycle().awaitFinished(remaining(deadline))) {
                return false;
            }
        }
        return !healthChecking || healthCheck.lifecycle().awaitFinished(remaining(deadline));
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
        return gateways.stream().filter(g -> g.id() == id).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no gateway " + id + "; gateways are "
                        + gateways.stream().map(g -> Integer.toString(g.id())).toList()));
    }

    private <T> List<T> onEveryGateway(Function<Gateway, CompletableFuture<T>> task) {
        List<CompletableFuture<T>> futures = new ArrayList<>();
        for (Gateway g : gateways) {
            futures.add(task.apply(g));
        }
        List<T> results = new ArrayList<>();
        for (CompletableFuture<T> f : futures) {
            try {
                results.add(f.get(CONTROL_TIMEOUT_SECONDS, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof IllegalStateException)) {
                    LOG.log(Level.ERROR, "a gateway failed to answer", e.getCause());
                }
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
