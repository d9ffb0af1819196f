package dev.tnsrelay.gateway;

import dev.tnsrelay.config.CmanParameter;
import dev.tnsrelay.config.CmanParameters;
import dev.tnsrelay.registry.ServiceRegistry;
import dev.tnsrelay.rules.RuleList;
import dev.tnsrelay.tns.TnsProtocolException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A gateway: one selector loop that owns its sessions. Other threads never touch a session; they post tasks
 * ({@link #call}) that run on the loop, which is how snapshots and control commands see consistent state.
 * The figures cmctl shows are atomic counters that any thread may read.
 */
final class Gateway implements Runnable {

    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.gateway");
    /** One read's worth; shared by every session of the gateway, so an idle session holds no buffer. */
    private static final int SCRATCH = 64 * 1024;
    private static final long MAX_SELECT_MILLIS = 1000;

    private final int id;
    private final RelayEngine engine;
    private final Selector selector;
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(SCRATCH);
    private final Set<Session> sessions = new HashSet<>();
    private final PriorityQueue<Deadline> deadlines = new PriorityQueue<>();
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final LoopLifecycle lifecycle = new LoopLifecycle();
    private final java.util.Random random = new java.util.Random();

    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean suspended;
    private volatile boolean draining;
    private volatile boolean aborting;
    private int admittedSessions;

    Gateway(int id, RelayEngine engine) throws IOException {
        this.id = id;
        this.engine = engine;
        this.selector = Selector.open();
    }

    int id() {
        return id;
    }

    RelayEngine engine() {
        return engine;
    }

    Selector selector() {
        return selector;
    }

    ByteBuffer scratch() {
        return scratch;
    }

    Clock clock() {
        return engine.clock();
    }

    CmanParameters parameters() {
        return engine.parameters();
    }

    RuleList rules() {
        return engine.rules();
    }

    EventLog events() {
        return engine.events();
    }

    ServiceRegistry registry() {
        return engine.registry();
    }

    /** Ties between equally loaded handlers are broken with this; used on the loop's thread only. */
    java.util.Random random() {
        return random;
    }

    int activeSessions() {
        return active.get();
    }

    boolean suspended() {
        return suspended;
    }

    void suspended(boolean value) {
        suspended = value;
    }

    /** Takes a socket accepted by the listener; {@code refusal} is non-zero when it must be refused. */
    void adopt(SocketChannel channel, long sessionId, int refusal) {
        if (lifecycle.hasFinished()) {
            closeQuietly(channel); // shut down: nobody would serve it
            return;
        }
        active.incrementAndGet();
        total.incrementAndGet();
        peak.accumulateAndGet(active.get(), Math::max);
        submit(() -> {
            try {
                Session s = new Session(sessionId, this, channel, refusal);
                sessions.add(s);
                s.start();
            } catch (IOException | java.nio.channels.ClosedSelectorException e) {
                // the gateway stopped between hand-off and start
                active.decrementAndGet();
                closeQuietly(channel);
            }
        });
    }

    /** Counts a session against MAX_CONNECTIONS; false when the gateway is full. */
    boolean admit() {
        if (admittedSessions >= parameters().number(CmanParameter.MAX_CONNECTIONS)) {
            return false;
        }
        admittedSessions++;
        return true;
    }

    void refused() {
        refused.incrementAndGet();
    }

    void remove(Session s, boolean wasAdmitted) {
        if (sessions.remove(s)) {
            active.decrementAndGet();
            if (wasAdmitted) {
                admittedSessions--;
            }
        }
    }

    void schedule(Deadline d) {
        deadlines.add(d);
    }

    void submit(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Runs on the loop and answers; fails if the gateway has stopped. */
    <T> CompletableFuture<T> call(Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (lifecycle.hasFinished()) {
            result.completeExceptionally(new IllegalStateException("gateway " + id + " has stopped"));
            return result;
        }
        submit(() -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    List<SessionInfo> snapshot() {
        long now = System.nanoTime();
        List<SessionInfo> rows = new ArrayList<>();
        sessions.forEach(s -> rows.add(s.snapshot(now)));
        return rows;
    }

    /** Closes the sessions {@code selects} picks; runs on the loop. */
    int close(java.util.function.Predicate<SessionInfo> selects, String reason) {
        long now = System.nanoTime();
        int n = 0;
        for (Session s : new ArrayList<>(sessions)) {
            if (selects.test(s.snapshot(now))) {
                s.close(reason);
                n++;
            }
        }
        return n;
    }

    GatewayInfo info() {
        return new GatewayInfo(id, suspended, active.get(), peak.get(), total.get(), refused.get());
    }

    /** Normal shutdown: finish when the last session ends. */
    void drain() {
        draining = true;
        selector.wakeup();
    }

    /** Abort: close every session now. */
    void abort() {
        aborting = true;
        selector.wakeup();
    }

    /** When the loop runs and when it has ended. */
    LoopLifecycle lifecycle() {
        return lifecycle;
    }

    @Override
    public void run() {
        lifecycle.enter("tnsrelay-gateway-" + id);
        try {
            while (!aborting && !(draining && sessions.isEmpty() && tasks.isEmpty())) {
                selector.select(selectTimeout());
                runTasks();
                dispatch();
                fireDeadlines();
            }
        } catch (IOException | ClosedSelectorException e) {
            LOG.log(Level.ERROR, "gateway " + id + " stopped", e);
        } catch (Error e) {
            engine.fail(e);
        } finally {
            runTasks();
            new ArrayList<>(sessions).forEach(s -> s.close("gateway " + id + " shut down"));
            try {
                selector.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
            lifecycle.exit();
            runTasks(); // hand-offs that raced the shutdown: their sockets are closed, not leaked
            engine.loopFinished();
        }
    }

    private long selectTimeout() {
        Deadline next = deadlines.peek();
        if (next == null) {
            return MAX_SELECT_MILLIS;
        }
        long millis = (next.dueNanos() - System.nanoTime()) / 1_000_000;
        return Math.max(1, Math.min(MAX_SELECT_MILLIS, millis + 1));
    }

    private void runTasks() {
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            task.run();
        }
    }

    private void dispatch() {
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            Endpoint ep = (Endpoint) key.attachment();
            if (!key.isValid()) {
                continue;
            }
            try {
                ep.session.onReady(ep, key.readyOps());
            } catch (IOException e) {
                ep.session.close("network error: " + e.getMessage());
            } catch (TnsProtocolException e) {
                LOG.log(Level.INFO, "session {0}: {1}", ep.session.id, e.getMessage());
                ep.session.close("protocol error: " + e.getMessage());
            } catch (RuntimeException e) {
                // a defect must cost one session, never the gateway
                LOG.log(Level.ERROR, "session " + ep.session.id + " failed", e);
                ep.session.close("internal error: " + e);
            }
        }
    }

    private void fireDeadlines() {
        long now = System.nanoTime();
        while (!deadlines.isEmpty() && deadlines.peek().dueNanos() - now <= 0) {
            Deadline d = deadlines.poll();
            try {
                d.session().onDeadline(d, now);
            } catch (IOException | RuntimeException e) {
                d.session().close("error at a timeout: " + e);
            }
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
