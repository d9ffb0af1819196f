package dev.tnsrelay.admin.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-gateway rates: none where a gateway did not run, and none across a gateway's restart (its bytes restart). */
class HistoryTest {

    private static History.Sample at(int second, History.GatewaySample... gateways) {
        return new History.Sample(Instant.parse("2026-11-21T00:00:00Z").plusSeconds(second), gateways.length, 0,
                Map.of("rule", 0L), 0, 0, 0, List.of(gateways));
    }

    @Test
    void gatewaysComeGoAndRestart() {
        History h = new History();
        h.add(at(0, new History.GatewaySample(0, 1, 100, 50)));
        h.add(at(5, new History.GatewaySample(0, 2, 600, 550), new History.GatewaySample(1, 1, 0, 0)));
        h.add(at(10, new History.GatewaySample(1, 1, 1000, 2000)));
        h.add(at(15, new History.GatewaySample(0, 0, 10, 10), new History.GatewaySample(1, 0, 1000, 2000)));
        Chart c = h.chart();
        assertEquals(2, c.gateways().size());
        Chart.Gateway zero = c.gateways().get(0);
        assertEquals(Arrays.asList(1, 2, null, 0), zero.sessions());
        assertEquals(Arrays.asList(null, 100.0, null, null), zero.bytesInPerSecond(),
                "no rate before its first sample, while it was gone, nor across its restart");
        Chart.Gateway one = c.gateways().get(1);
        assertEquals(Arrays.asList(null, null, 200.0, 0.0), one.bytesInPerSecond());
        assertEquals(Arrays.asList(null, null, 400.0, 0.0), one.bytesOutPerSecond());
    }
}
