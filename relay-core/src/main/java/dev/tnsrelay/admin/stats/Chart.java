package dev.tnsrelay.admin.stats;

import java.util.List;
import java.util.Map;

/**
 * The last hour for the dashboard's charts: one entry per sample, oldest first. Rates are per second over the
 * interval before each sample; null where there is none (the first sample, a gateway that was not running).
 *
 * @param times each sample's time, in seconds since the epoch
 * @param sessions sessions open at each sample
 * @param refusalsPerSecond by reason: {@code rule}, {@code limit}, {@code registry}, {@code next_hop},
 *     {@code bad_input}
 */
public record Chart(long intervalSeconds, List<Long> times, List<Integer> sessions, List<Double> handshakesPerSecond,
        Map<String, List<Double>> refusalsPerSecond, List<Double> dropsPerSecond, List<Double> bytesInPerSecond,
        List<Double> bytesOutPerSecond, List<Gateway> gateways) {

    /** One gateway over the hour. */
    public record Gateway(int id, List<Integer> sessions, List<Double> bytesInPerSecond,
            List<Double> bytesOutPerSecond) {
    }
}
