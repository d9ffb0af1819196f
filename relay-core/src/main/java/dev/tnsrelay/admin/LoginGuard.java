package dev.tnsrelay.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows password guessing on every door (screens, HTTP Basic, remote JMX): consecutive failed logins are counted
 * per user name and per source address, separately, and an attempt is let through only when both allow it.
 *
 * <ul>
 * <li>the first {@value #FREE} failures cost nothing (typing mistakes);</li>
 * <li>after the {@code n}-th failure ({@code n >= FREE}) the next attempt waits 2<sup>n - FREE</sup> s: 1, 2, 4 …
 *     256, 512 s;</li>
 * <li>the wait never exceeds {@link #LOCKOUT} (15 minutes, reached at the 15th failure): the lockout window. A name
 *     or an address under attack then gets 4 guesses an hour, about 110 a day in all, where NIST SP 800-63B asks
 *     for no more than 100 consecutive failures before an account is locked outright;</li>
 * <li>a good password clears the count of its name and of its address.</li>
 * </ul>
 * An attempt made while it must wait is refused unchecked (the right password too), so a guess costs the guesser
 * the wait and the server nothing. While a check runs it counts as in flight: parallel guesses cannot pass
 * together more than the free attempts left, and once waiting only one at a time.
 *
 * <p>Counts live in memory: at most {@value #TRACKED} names and as many addresses (the oldest forgotten first), and
 * each is forgotten {@link #FORGET} after its last failure. The way back for a locked-out administrator, when
 * someone keeps guessing: a change to the users file (any {@code bin/tnsrelay-passwd} run, by whoever can write
 * the state folder) lifts every wait and lockout at once ({@link #reset}), as does a restart.
 */
public final class LoginGuard {

    /** Failures before the first wait: room for typing mistakes. */
    public static final int FREE = 5;
    /** The longest wait, reached at the 15th consecutive failure. */
    public static final Duration LOCKOUT = Duration.ofMinutes(15);
    /** A name or address whose last failure is older than this starts again from nothing. */
    public static final Duration FORGET = Duration.ofHours(24);
    /** Names and addresses tracked at most, each: an attacker who invents names costs bounded memory. */
    public static final int TRACKED = 10_000;

    /** The answer for one attempt. */
    public sealed interface Verdict {
    }

    /**
     * Check the password now. {@code unwritten}: attempts of this name from this address refused unchecked since the
     * last admitted one, after the first (which was written): for the next audit line to say.
     */
    public record Admitted(long unwritten) implements Verdict {
    }

    /** Wait {@code retryAfter} first; {@code first} is true for the first refusal since the last admitted attempt. */
    public record Refused(Duration retryAfter, boolean first) implements Verdict {
    }

    private static final class Count {
        int failures;
        int inFlight;
        Instant last = Instant.EPOCH;
        Instant notBefore = Instant.EPOCH;
    }

    private final Clock clock;
    private final Map<String, Count> names = tracked();
    private final Map<String, Count> sources = tracked();
    /** Attempts refused unchecked per name and address since the last admitted one: written once, then counted. */
    private final Map<String, long[]> quiet = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > TRACKED;
        }
    };

    public LoginGuard(Clock clock) {
        this.clock = clock;
    }

    private static Map<String, Count> tracked() {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Count> eldest) {
                return size() > TRACKED && eldest.getValue().inFlight == 0;
            }
        };
    }

    /** Asks to check a password of {@code name} from {@code source}; an {@link Admitted} must be followed by {@link #done}. */
    public synchronized Verdict attempt(String name, String source) {
        Instant now = clock.instant();
        String pair = name + "\u0000" + source;
        Count user = count(names, name, now);
        Count from = count(sources, source, now);
        Duration wait = max(wait(user, now), wait(from, now));
        if (!wait.isZero()) {
            forgetIfClear(names, name);
            forgetIfClear(sources, source);
            long[] refused = quiet.computeIfAbsent(pair, k -> new long[1]);
            return new Refused(wait, refused[0]++ == 0);
        }
        user.inFlight++;
        from.inFlight++;
        long[] refused = quiet.remove(pair);
        return new Admitted(refused == null ? 0 : refused[0] - 1);
    }

    /** The end of an admitted attempt: a good password clears both counts, a wrong one adds to both. */
    public synchronized void done(String name, String source, boolean good) {
        Instant now = clock.instant();
        finish(names, name, good, now);
        finish(sources, source, good, now);
    }

    private static void finish(Map<String, Count> map, String key, boolean good, Instant now) {
        Count c = map.get(key);
        if (c == null) {
            return; // forgotten meanwhile: the users file changed
        }
        c.inFlight = Math.max(0, c.inFlight - 1);
        if (good) {
            c.failures = 0;
            c.notBefore = Instant.EPOCH;
        } else {
            c.failures++;
            c.last = now;
            c.notBefore = now.plus(delayAfter(c.failures));
            map.remove(key); // to the end: the eldest entries are forgotten first
            map.put(key, c);
        }
        forgetIfClear(map, key);
    }

    private static void forgetIfClear(Map<String, Count> map, String key) {
        Count c = map.get(key);
        if (c != null && c.failures == 0 && c.inFlight == 0) {
            map.remove(key);
        }
    }

    /** Lifts every wait and lockout: the users file changed (a password was set, an administrator added). */
    public synchronized void reset() {
        for (Map<String, Count> map : java.util.List.of(names, sources)) {
            map.values().removeIf(c -> c.inFlight == 0); // the ones in flight finish on a clean count
            map.values().forEach(c -> {
                c.failures = 0;
                c.notBefore = Instant.EPOCH;
            });
        }
        quiet.clear();
    }

    /** The wait after {@code failures} consecutive failures: none up to {@link #FREE} - 1, then doubling up to the lockout. */
    static Duration delayAfter(int failures) {
        if (failures < FREE) {
            return Duration.ZERO;
        }
        int doublings = failures - FREE;
        return doublings >= 10 ? LOCKOUT : Duration.ofSeconds(Math.min(1L << doublings, LOCKOUT.toSeconds()));
    }

    private static Count count(Map<String, Count> map, String key, Instant now) {
        Count c = map.get(key);
        if (c != null && c.inFlight == 0 && c.last.plus(FORGET).isBefore(now)) {
            map.remove(key);
            c = null;
        }
        if (c == null) {
            c = new Count();
            map.put(key, c);
        }
        return c;
    }

    /** How long {@code c} must wait before one more attempt; zero when it may go now. */
    private static Duration wait(Count c, Instant now) {
        if (c.failures < FREE) {
            return c.failures + c.inFlight < FREE ? Duration.ZERO : Duration.ofSeconds(1);
        }
        if (c.inFlight > 0) {
            return Duration.ofSeconds(1); // one at a time once waiting: the one in flight decides the next wait
        }
        return now.isBefore(c.notBefore) ? ceilSeconds(Duration.between(now, c.notBefore)) : Duration.ZERO;
    }

    private static Duration ceilSeconds(Duration d) {
        long s = d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0);
        return Duration.ofSeconds(Math.max(1, s));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
