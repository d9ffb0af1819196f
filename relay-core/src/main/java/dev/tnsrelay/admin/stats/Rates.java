package dev.tnsrelay.admin.stats;

import java.time.Instant;

/**
 * What the instance did per second over the last sampling interval, for the status screen.
 *
 * @param at the last sample's time; null before the first
 * @param seconds the interval's length; 0 before there are two samples (then every rate is 0)
 * @param refusedPerSecond refusals and drops together
 */
public record Rates(Instant at, long seconds, int sessions, double handshakesPerSecond, double refusedPerSecond,
        double bytesInPerSecond, double bytesOutPerSecond) {
}
