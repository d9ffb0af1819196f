package dev.tnsrelay.gateway;

import dev.tnsrelay.config.CmanParameters;
import dev.tnsrelay.registry.ServiceRegistry;
import dev.tnsrelay.rules.RuleList;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.util.concurrent.Future;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A gateway: one event loop that owns its sessions, both their sockets and their timers. Other threads never
 * touch a session; they post tasks ({@link #call}) that run on the loop, which is how snapshots and control
 * commands see consistent state. The figures cmctl shows are atomic counters any thread may read. Host names
 * are looked up asynchronously on the loop itself, so a slow DNS answer costs only the session that waits for it.
 */
final class Gateway implements HandshakePolicy {

    private final int id;
    private final RelayEngine engine;
    private final EventLoop loop;
    private final LoopLifecycle lifecycle;
    private final DnsNameResolver resolver;
    private final Set<Session> sessions = new HashSet<>();
    private final Random random = new Random();

    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    /** Bytes from and to clients: written on the loop only, read by any thread. */
    private volatile long bytesIn;
    private volatile long bytesOut;
    private volatile boolean suspended;
    private volatile boolean draining;
    private volatile long idleSinceNanos = System.nanoTime();

    Gateway(int id, RelayEngine engine) {
        this.id = id;
        this.engine = engine;
        this.lifecycle = new LoopLifecycle("tnsrelay-gateway-" + id, engine::loopFinished);
        Transport t = engine.transport();
        this.loop = new SingleThreadIoEventLoop(null, lifecycle.around(engine.executor(), (th, e) -> engine.fail(e)),
                t.ioHandlers);
        DnsNameResolverBuilder names = new DnsNameResolverBuilder(loop).datagramChannelType(t.datagrams)
                .socketChannelType(t.sockets).resolveCache(engine.dnsCache()).queryTimeoutMillis(
                        engine.dnsQueryTimeout().toMillis());
        engine.nameServers().ifPresent(names::nameServerProvider);
        this.resolver = names.build();
    }

    int id() {
        return id;
    }

    RelayEngine engine() {
        return engine;
    }

    Transport transport() {
        return engine.transport();
    }

    EventLog events() {
        return engine.events();
    }

    LoopLifecycle lifecycle() {
        return lifecycle;
    }

    /** Starts the loop's thread now (Netty starts it at the first task). */
    void start() {
        onLoop(() -> { });
    }

    // ---- the policy a handshake reads

    @Override
    public RuleList rules() {
        return engine.rules();
    }

    @Override
    public CmanParameters parameters() {
        return engine.parameters();
    }

    @Override
    public ServiceRegistry registry() {
        return engine.registry();
    }

    @Override
    public Random random() {
        return random;
    }

    @Override
    public boolean listensOn(InetAddress address, int port) {
        return engine.listensOn(address, port);
    }

    @Override
    public RouteLoops routeLoops() {
        return engine.routeLoops();
    }

    @Override
    public boolean serverDnMatch() {
        return engine.tls().profile().serverDnMatch();
    }

    Future<List<InetAddress>> resolve(String host) {
        return resolver.resolveAll(host);
    }

    // ---- sessions

    int activeSessions() {
        return active.get();
    }

    boolean suspended() {
        return suspended;
    }

    void suspended(boolean value) {
        suspended = value;
    }

    /** Nanos since the last session ended while none is left; 0 while it has sessions. */
    long idleNanos(long now) {
        return active.get() == 0 ? now - idleSinceNanos : 0;
    }

    /**
     * Takes a socket the listener accepted (called on the listener's thread): the session starts on this loop.
     *
     * @param preset a refusal for the client once its CONNECT is read, or null
     */
    void adopt(Channel child, long sessionId, Refusal preset) {
        active.incrementAndGet();
        total.incrementAndGet();
        peak.accumulateAndGet(active.get(), Math::max);
        child.config().setOption(ChannelOption.TCP_NODELAY, true);
        child.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        // a load balancer in PROXY_FROM begins with its PROXY header; anyone else who sends one is refused (TLS,
        // when the endpoint is TCPS, comes after either: HAProxy in TCP mode sends the header before the ClientHello)
        boolean proxied = engine.fromProxy(((InetSocketAddress) child.remoteAddress()).getAddress());
        Session s = new Session(sessionId, this, child, preset, proxied);
        child.pipeline().addLast("proxy", proxied ? new HAProxyMessageDecoder() : new ProxyHeaderGuard())
                .addLast("frames", new TnsFrames()).addLast("handshake", s.clientSide());
        loop.register(child).addListener(f -> {
            if (!f.isSuccess()) {
                child.close(); // the gateway stopped between hand-off and start
                active.decrementAndGet();
            }
        });
    }

    void started(Session s) {
        sessions.add(s);
    }

    void ended(Session s) {
        if (sessions.remove(s) && active.decrementAndGet() == 0) {
            idleSinceNanos = System.nanoTime();
            if (draining) {
                stop();
            }
        }
    }

    /** Counts bytes a session of this gateway received from its client; on the loop only. */
    @SuppressWarnings("NonAtomicOperationOnVolatileField") // one writer: this loop
    void countIn(long n) {
        bytesIn += n;
    }

    /** Counts bytes a session of this gateway sent to its client; on the loop only. */
    @SuppressWarnings("NonAtomicOperationOnVolatileField")
    void countOut(long n) {
        bytesOut += n;
    }

    void countRefused() {
        refused.incrementAndGet();
    }

    /** Runs on the loop and answers; fails if the gateway has stopped. */
    <T> CompletableFuture<T> call(Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (loop.isShuttingDown()) {
            result.completeExceptionally(new IllegalStateException("gateway " + id + " has stopped"));
            return result;
        }
        onLoop(() -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        if (loop.isShuttingDown() && !result.isDone()) {
            result.completeExceptionally(new IllegalStateException("gateway " + id + " has stopped"));
        }
        return result;
    }

    List<SessionInfo> snapshot() {
        long now = System.nanoTime();
        List<SessionInfo> rows = new ArrayList<>();
        sessions.forEach(s -> rows.add(s.snapshot(now)));
        return rows;
    }

    /** Closes the sessions {@code selects} picks; runs on the loop. */
    int close(Predicate<SessionInfo> selects, String reason) {
        long now = System.nanoTime();
        int n = 0;
        for (Session s : new ArrayList<>(sessions)) {
            if (selects.test(s.snapshot(now))) {
                s.end(reason);
                n++;
            }
        }
        return n;
    }

    GatewayInfo info() {
        return new GatewayInfo(id, suspended, active.get(), peak.get(), total.get(), refused.get(), bytesIn, bytesOut);
    }

    /** Normal shutdown: the loop ends when the last session does. */
    void drain() {
        draining = true;
        onLoop(() -> {
            if (sessions.isEmpty()) {
                stop();
            }
        });
    }

    /** Abort: every session closed now, then the loop ends. */
    void abort() {
        draining = true;
        onLoop(() -> {
            for (Session s : new ArrayList<>(sessions)) {
                s.end("gateway " + id + " shut down");
            }
            stop();
        });
    }

    private void onLoop(Runnable task) {
        try {
            loop.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // the loop has ended already: nothing is left to drain or close
        }
    }

    private void stop() {
        resolver.close();
        loop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
    }
}
