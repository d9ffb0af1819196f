package dev.tnsrelay.gateway;

import dev.tnsrelay.config.CmanParameter;
import dev.tnsrelay.config.CmanParameters;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Who may begin a handshake, decided before a byte of it is read: IP_RATE_COUNT new connections per
 * IP_RATE_INTERVAL per client address and listening endpoint, as Oracle's 23ai CMAN counts them, the address then
 * blocked for IP_RATE_BLOCK minutes; and at most MAX_HANDSHAKES sessions in their handshake in the instance,
 * MAX_HANDSHAKES_PER_SOURCE from one address, so that clients who connect and say nothing cannot take every socket.
 * Thread-safe: every gateway asks. Time comes from the engine's clock, so that blocks can be tested by moving it.
 *
 * <p>Memory is bounded: an address is tracked only while its window or its block lasts ({@link #purgeExpired}),
 * and at most {@value #MAX_TRACKED} per endpoint; past that, new addresses are not rate-limited until old ones
 * expire (said once a minute). The handshake counts hold an entry per address that is in a handshake, so at
 * most MAX_HANDSHAKES.
 */
final class Admittance {

    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.gateway");
    /** Addresses whose connection rate is tracked at once, per listening endpoint. */
    static final int MAX_TRACKED = 100_000;
    private static final Duration FULL_WARNING_EVERY = Duration.ofMinutes(1);

    /** The answer for one new connection. */
    enum Verdict {
        /** It may begin its handshake. */
        ADMITTED,
        /** Its address is blocked by the IP rate limit: it is refused with ORA-12530 once its CONNECT is read. */
        RATE_LIMITED,
        /** Too many handshakes at once, in the instance or from its address: closed at once, not counted. */
        TOO_MANY
    }

    /** An address blocked by the IP rate limit on one listening endpoint, from a time until a time. */
    record Blocked(InetSocketAddress endpoint, InetAddress address, Instant since, Instant until) {
    }

    /** The connections counted in the window that began at {@code start}; a block, when {@code until} is set. */
    private record Window(Instant start, int count, Instant since, Instant until) {
        boolean blockedAt(Instant now) {
            return until != null && now.isBefore(until);
        }
    }

    private final Clock clock;
    private final Consumer<Blocked> onBlock;
    private final Map<InetSocketAddress, Map<InetAddress, Window>> rates = new ConcurrentHashMap<>();
    private final AtomicInteger handshakes = new AtomicInteger();
    private final Map<InetAddress, AtomicInteger> perSource = new ConcurrentHashMap<>();
    private volatile Instant lastFullWarning = Instant.MIN;

    /** @param onBlock told once for each block, when it begins (the log line, the event) */
    Admittance(Clock clock, Consumer<Blocked> onBlock) {
        this.clock = clock;
        this.onBlock = onBlock;
    }

    /**
     * Counts a new connection from {@code source} on the listening {@code endpoint} and says whether it may
     * begin its handshake. One that is not {@link Verdict#TOO_MANY} is counted as handshaking (a rate-limited one
     * too: it holds a socket until its refusal is written) until {@link #handshakeEnded}.
     */
    Verdict admit(InetSocketAddress endpoint, InetAddress source, CmanParameters p) {
        if (handshakes.incrementAndGet() > p.number(CmanParameter.MAX_HANDSHAKES)) {
            handshakes.decrementAndGet();
            return Verdict.TOO_MANY;
        }
        AtomicInteger mine = perSource.compute(source, (a, n) -> {
            AtomicInteger counted = n == null ? new AtomicInteger() : n;
            counted.incrementAndGet();
            return counted;
        });
        if (mine.get() > p.number(CmanParameter.MAX_HANDSHAKES_PER_SOURCE)) {
            handshakeEnded(source);
            return Verdict.TOO_MANY;
        }
        return rateLimited(endpoint, source, p) ? Verdict.RATE_LIMITED : Verdict.ADMITTED;
    }

    /** A session that {@link #admit} counted has left its handshake (answered, refused, dropped or closed). */
    void handshakeEnded(InetAddress source) {
        handshakes.decrementAndGet();
        perSource.computeIfPresent(source, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    /** Sessions in their handshake now. */
    int handshaking() {
        return handshakes.get();
    }

    private boolean rateLimited(InetSocketAddress endpoint, InetAddress source, CmanParameters p) {
        int count = p.number(CmanParameter.IP_RATE_COUNT);
        if (count == 0) {
            return false;
        }
        Duration interval = interval(p);
        Duration block = p.duration(CmanParameter.IP_RATE_BLOCK);
        Instant now = clock.instant();
        Map<InetAddress, Window> windows = rates.computeIfAbsent(endpoint, e -> new ConcurrentHashMap<>());
        if (windows.size() >= MAX_TRACKED && !windows.containsKey(source)) {
            purge(windows, now, interval);
            if (windows.size() >= MAX_TRACKED) {
                warnFull(endpoint, now);
                return false;
            }
        }
        boolean[] blockedNow = {false};
        Window w = windows.compute(source, (a, old) -> {
            if (old != null && old.blockedAt(now)) {
                return old; // a blocked address's tries are not counted: its block does not grow
            }
            Window counted = old == null || !now.isBefore(old.start().plus(interval)) ? new Window(now, 1, null, null)
                    : new Window(old.start(), old.count() + 1, null, null);
            if (counted.count() > count) {
                blockedNow[0] = true;
                // IP_RATE_BLOCK 0: blocked for the rest of the window that it overran
                Instant until = max(now.plus(block), counted.start().plus(interval));
                return new Window(counted.start(), counted.count(), now, until);
            }
            return counted;
        });
        if (blockedNow[0]) {
            onBlock.accept(new Blocked(endpoint, source, w.since(), w.until()));
        }
        return w.blockedAt(now);
    }

    private static Duration interval(CmanParameters p) {
        Duration d = p.duration(CmanParameter.IP_RATE_INTERVAL);
        return d.isZero() ? Duration.ofSeconds(1) : d;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** Forgets addresses whose window and block are over (the engine runs it now and then, off the accept path). */
    void purgeExpired(CmanParameters p) {
        Instant now = clock.instant();
        Duration interval = interval(p);
        rates.values().forEach(windows -> purge(windows, now, interval));
        rates.values().removeIf(Map::isEmpty);
    }

    /** Addresses tracked by the rate limit now, on every endpoint (for tests of the bound). */
    int tracked() {
        return rates.values().stream().mapToInt(Map::size).sum();
    }

    private static void purge(Map<InetAddress, Window> windows, Instant now, Duration interval) {
        windows.values().removeIf(w -> !now.isBefore(w.start().plus(interval)) && !w.blockedAt(now));
    }

    private void warnFull(InetSocketAddress endpoint, Instant now) {
        if (now.isAfter(lastFullWarning.plus(FULL_WARNING_EVERY))) {
            lastFullWarning = now;
            LOG.log(System.Logger.Level.WARNING, "IP rate limit on {0}: {1} addresses tracked already; new ones are"
                    + " not limited until older ones expire", endpoint, Integer.toString(MAX_TRACKED));
        }
    }

    /** Addresses blocked now, soonest free first. */
    List<Blocked> blocked() {
        Instant now = clock.instant();
        List<Blocked> out = new ArrayList<>();
        rates.forEach((endpoint, windows) -> windows.forEach((address, w) -> {
            if (w.blockedAt(now)) {
                out.add(new Blocked(endpoint, address, w.since(), w.until()));
            }
        }));
        out.sort(Comparator.comparing(Blocked::until).thenComparing(b -> b.address().getHostAddress()));
        return out;
    }

    /** Lifts the block of {@code address} on every endpoint, and forgets its count; false when it was not blocked. */
    boolean unblock(InetAddress address) {
        Instant now = clock.instant();
        boolean any = false;
        for (Map<InetAddress, Window> windows : rates.values()) {
            Window w = windows.get(address);
            if (w != null && w.blockedAt(now) && windows.remove(address, w)) {
                any = true;
            }
        }
        return any;
    }
}
