package dev.tnsrelay.admin.stats;

import dev.tnsrelay.gateway.GatewayInfo;
import dev.tnsrelay.gateway.RelayEngine;
import java.util.List;

/**
 * Bytes from and to clients since the instance was built, counted by the gateways themselves: a gateway that
 * stops keeps its counts in its engine ({@link RelayEngine#everyGateway()}), and an engine that a STARTUP
 * replaced leaves its final counts here, so the totals only go up however gateways come and go.
 */
final class ByteTotals {

    private RelayEngine engine;
    /** What the engines before the current one moved, in and out. */
    private long pastIn;
    private long pastOut;
    private long lastIn;
    private long lastOut;

    /** {@code [in, out]} now; never less than the last answer. */
    synchronized long[] read(RelayEngine now) {
        if (now != engine) {
            if (engine != null) {
                long[] last = sum(engine.everyGateway()); // its loops have ended: final counts
                pastIn += last[0];
                pastOut += last[1];
            }
            engine = now;
        }
        long[] current = now == null ? new long[2] : sum(now.everyGateway());
        // a gateway being retired may be seen in both of the engine's lists for an instant (distinct() drops the
        // copy); the maximum keeps a counter a counter whatever a read between two statements saw
        lastIn = Math.max(lastIn, pastIn + current[0]);
        lastOut = Math.max(lastOut, pastOut + current[1]);
        return new long[] {lastIn, lastOut};
    }

    private static long[] sum(List<GatewayInfo> gateways) {
        long in = 0;
        long out = 0;
        for (GatewayInfo g : gateways.stream().distinct().toList()) {
            in += g.bytesIn();
            out += g.bytesOut();
        }
        return new long[] {in, out};
    }
}
