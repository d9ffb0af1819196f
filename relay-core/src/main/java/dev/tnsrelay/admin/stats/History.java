package dev.tnsrelay.admin.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * The last hour of samples, in memory and bounded ({@link #SIZE} samples, the oldest dropped first): totals as
 * they were at each sample, turned into rates per second between samples when asked.
 */
final class History {

    /** How often a sample is taken: a chart's resolution. */
    static final Duration INTERVAL = Duration.ofSeconds(5);
    /** One hour of samples. */
    static final int SIZE = (int) (Duration.ofHours(1).toSeconds() / INTERVAL.toSeconds());

    /** The totals at one instant; cumulative except the sessions open now. */
    record Sample(Instant time, int sessions, long handshakes, Map<String, Long> refused, long dropped, long bytesIn,
            long bytesOut, List<GatewaySample> gateways) {
    }

    /** One gateway at one instant; its bytes count from the gateway's own start. */
    record GatewaySample(int id, int sessions, long bytesIn, long bytesOut) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();

    synchronized void add(Sample s) {
        if (samples.size() == SIZE) {
            samples.removeFirst();
        }
        samples.addLast(s);
    }

    synchronized Chart chart() {
        List<Sample> all = new ArrayList<>(samples);
        List<Long> times = new ArrayList<>();
        List<Integer> sessions = new ArrayList<>();
        List<Double> handshakes = new ArrayList<>();
        List<Double> drops = new ArrayList<>();
        List<Double> in = new ArrayList<>();
        List<Double> out = new ArrayList<>();
        Map<String, List<Double>> refusals = new LinkedHashMap<>();
        all.stream().findFirst().ifPresent(first -> first.refused().keySet().forEach(r -> refusals.put(r,
                new ArrayList<>())));
        for (int i = 0; i < all.size(); i++) {
            Sample s = all.get(i);
            Sample before = i == 0 ? null : all.get(i - 1);
            times.add(s.time().getEpochSecond());
            sessions.add(s.sessions());
            handshakes.add(rate(before, s, Sample::handshakes));
            drops.add(rate(before, s, Sample::dropped));
            in.add(rate(before, s, Sample::bytesIn));
            out.add(rate(before, s, Sample::bytesOut));
            refusals.forEach((reason, list) -> list.add(rate(before, s, x -> x.refused().getOrDefault(reason, 0L))));
        }
        return new Chart(INTERVAL.toSeconds(), times, sessions, handshakes, refusals, drops, in, out,
                gateways(all));
    }

    /** Each gateway seen in the hour: its sessions and byte rates, null where it did not run. */
    private static List<Chart.Gateway> gateways(List<Sample> all) {
        TreeSet<Integer> ids = new TreeSet<>();
        List<Map<Integer, GatewaySample>> byId = new ArrayList<>(all.size());
        for (Sample s : all) {
            Map<Integer, GatewaySample> m = new java.util.HashMap<>();
            s.gateways().forEach(g -> m.put(g.id(), g));
            ids.addAll(m.keySet());
            byId.add(m);
        }
        List<Chart.Gateway> out = new ArrayList<>();
        for (int id : ids) {
            List<Integer> sessions = new ArrayList<>();
            List<Double> in = new ArrayList<>();
            List<Double> outBytes = new ArrayList<>();
            GatewaySample last = null;
            Instant lastTime = null;
            for (int i = 0; i < all.size(); i++) {
                Sample s = all.get(i);
                GatewaySample g = byId.get(i).get(id);
                sessions.add(g == null ? null : g.sessions());
                // a gateway that stopped and started again counts from zero: no rate across the restart
                boolean continues = g != null && last != null && g.bytesIn() >= last.bytesIn()
                        && g.bytesOut() >= last.bytesOut();
                in.add(continues ? perSecond(g.bytesIn() - last.bytesIn(), lastTime, s.time()) : null);
                outBytes.add(continues ? perSecond(g.bytesOut() - last.bytesOut(), lastTime, s.time()) : null);
                last = g;
                lastTime = s.time();
            }
            out.add(new Chart.Gateway(id, sessions, in, outBytes));
        }
        return out;
    }

    /** The rates between the last two samples; zeros before there are two. */
    synchronized Rates rates() {
        if (samples.size() < 2) {
            Sample only = samples.peekLast();
            return new Rates(only == null ? null : only.time(), 0, only == null ? 0 : only.sessions(), 0, 0, 0, 0);
        }
        Sample s = samples.peekLast();
        Sample before = new ArrayList<>(samples).get(samples.size() - 2);
        double refused = rate(before, s, x -> x.refused().values().stream().mapToLong(Long::longValue).sum()
                + x.dropped());
        return new Rates(s.time(), Duration.between(before.time(), s.time()).toSeconds(), s.sessions(),
                rate(before, s, Sample::handshakes), refused, rate(before, s, Sample::bytesIn),
                rate(before, s, Sample::bytesOut));
    }

    private static Double rate(Sample before, Sample now, ToLongFunction<Sample> value) {
        if (before == null) {
            return null;
        }
        return perSecond(value.applyAsLong(now) - value.applyAsLong(before), before.time(), now.time());
    }

    private static Double perSecond(long delta, Instant from, Instant to) {
        double seconds = Duration.between(from, to).toMillis() / 1000.0;
        return seconds <= 0 ? null : Math.max(0, delta) / seconds;
    }
}
