package dev.tnsrelay.admin.stats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * How long handshakes take, from the accepted socket to the next hop's ACCEPT relayed: a histogram with fixed
 * buckets (the le values Prometheus's clients use, 1 ms to 10 s), counted without a lock on the gateway threads.
 */
final class HandshakeTimes {

    /** The upper bounds, in seconds: a handshake through a gateway takes milliseconds, a slow next hop seconds. */
    static final double[] BOUNDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final LongAdder[] counts = new LongAdder[BOUNDS.length + 1];
    private final LongAdder micros = new LongAdder();

    HandshakeTimes() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    void add(Duration d) {
        double seconds = Math.max(0, d.toNanos()) / 1e9;
        int i = 0;
        while (i < BOUNDS.length && seconds > BOUNDS[i]) {
            i++;
        }
        counts[i].increment();
        micros.add(Math.max(0, d.toNanos()) / 1000);
    }

    long count() {
        long n = 0;
        for (LongAdder c : counts) {
            n += c.sum();
        }
        return n;
    }

    /** The histogram's series: a cumulative bucket per bound and +Inf, the sum in seconds, the count. */
    List<Series> series(String name) {
        List<Series> out = new ArrayList<>();
        for (int b = 0; b <= BOUNDS.length; b++) {
            int upTo = b;
            String le = b == BOUNDS.length ? "+Inf" : format(BOUNDS[b]);
            out.add(new Series(name + "_bucket", Map.of("le", le), () -> {
                long n = 0;
                for (int i = 0; i <= upTo; i++) {
                    n += counts[i].sum();
                }
                return n;
            }));
        }
        out.add(new Series(name + "_sum", Map.of(), () -> micros.sum() / 1e6));
        out.add(new Series(name + "_count", Map.of(), this::count));
        return out;
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }
}
