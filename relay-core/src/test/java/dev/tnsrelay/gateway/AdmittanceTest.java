package dev.tnsrelay.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.config.CmanParameter;
import dev.tnsrelay.config.CmanParameters;
import dev.tnsrelay.testing.LogLines;
import dev.tnsrelay.testing.MutableClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The admittance policy and the refusal lines on their own: counts, windows, blocks and bounds, on a moved clock. */
class AdmittanceTest {

    private static final InetSocketAddress ENDPOINT = new InetSocketAddress("127.0.0.1", 1521);
    private static final InetSocketAddress OTHER_ENDPOINT = new InetSocketAddress("127.0.0.1", 1522);

    private final MutableClock clock = new MutableClock();
    private final List<Admittance.Blocked> blocks = new ArrayList<>();
    private final Admittance admittance = new Admittance(clock, blocks::add);

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    /** A connection that is admitted or rate-limited, whose handshake ends at once. */
    private Admittance.Verdict connect(InetSocketAddress endpoint, InetAddress source, CmanParameters p) {
        Admittance.Verdict v = admittance.admit(endpoint, source, p);
        if (v != Admittance.Verdict.TOO_MANY) {
            admittance.handshakeEnded(source);
        }
        return v;
    }

    @Test
    void withIpRateBlockZeroTheAddressIsRefusedForTheRestOfItsIntervalOnThatEndpointOnly() throws Exception {
        CmanParameters p = CmanParameters.defaults().with(CmanParameter.IP_RATE_COUNT, "2")
                .with(CmanParameter.IP_RATE_INTERVAL, "10");
        InetAddress a = ip("10.1.2.3");
        assertEquals(Admittance.Verdict.ADMITTED, connect(ENDPOINT, a, p));
        clock.advance(Duration.ofSeconds(4));
        assertEquals(Admittance.Verdict.ADMITTED, connect(ENDPOINT, a, p));
        assertEquals(Admittance.Verdict.RATE_LIMITED, connect(ENDPOINT, a, p));
        assertEquals(Admittance.Verdict.ADMITTED, connect(OTHER_ENDPOINT, a, p), "per endpoint");
        assertEquals(Admittance.Verdict.ADMITTED, connect(ENDPOINT, ip("10.1.2.4"), p), "per address");
        assertEquals(1, blocks.size());
        assertEquals(clock.instant().plus(Duration.ofSeconds(6)), blocks.get(0).until(), "the window's end");
        clock.advance(Duration.ofSeconds(5));
        assertEquals(Admittance.Verdict.RATE_LIMITED, connect(ENDPOINT, a, p));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Admittance.Verdict.ADMITTED, connect(ENDPOINT, a, p), "a new interval");
        assertEquals(1, blocks.size(), "told once per block");
    }

    @Test
    void expiredWindowsAreForgottenAndTheTrackedAddressesAreBounded() throws Exception {
        CmanParameters p = CmanParameters.defaults().with(CmanParameter.IP_RATE_COUNT, "5");
        for (int i = 0; i < 1000; i++) {
            connect(ENDPOINT, InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >> 8), (byte) i}), p);
        }
        assertEquals(1000, admittance.tracked());
        clock.advance(Duration.ofSeconds(1));
        admittance.purgeExpired(p);
        assertEquals(0, admittance.tracked(), "IP_RATE_INTERVAL 1 s has passed for all");
        assertTrue(Admittance.MAX_TRACKED >= 10_000 && Admittance.MAX_TRACKED <= 1_000_000);
    }

    @Test
    void theHandshakeCapsCountPerSourceAndInTheInstanceAndRelease() throws Exception {
        CmanParameters p = CmanParameters.defaults().with(CmanParameter.MAX_HANDSHAKES, "3")
                .with(CmanParameter.MAX_HANDSHAKES_PER_SOURCE, "2");
        InetAddress a = ip("10.0.0.1");
        InetAddress b = ip("10.0.0.2");
        assertEquals(Admittance.Verdict.ADMITTED, admittance.admit(ENDPOINT, a, p));
        assertEquals(Admittance.Verdict.ADMITTED, admittance.admit(ENDPOINT, a, p));
        assertEquals(Admittance.Verdict.TOO_MANY, admittance.admit(ENDPOINT, a, p), "per source");
        assertEquals(Admittance.Verdict.ADMITTED, admittance.admit(ENDPOINT, b, p));
        assertEquals(Admittance.Verdict.TOO_MANY, admittance.admit(ENDPOINT, ip("10.0.0.3"), p), "instance");
        assertEquals(3, admittance.handshaking());
        admittance.handshakeEnded(a);
        assertEquals(Admittance.Verdict.ADMITTED, admittance.admit(ENDPOINT, ip("10.0.0.3"), p));
    }

    @Test
    void refusalLinesAreBoundedInKindsAndTheRestIsCountedInOneLine() throws Exception {
        RefusalLog refusals = new RefusalLog();
        Refusal r = new Refusal(12529, Refusal.Reason.RULE, "no rule");
        try (LogLines log = new LogLines("dev.tnsrelay.gateway")) {
            for (int i = 0; i < 2000; i++) {
                InetAddress client = InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >> 8), (byte) i});
                refusals.refused(client, i, client.getHostAddress() + ":1", r);
                refusals.refused(client, i, client.getHostAddress() + ":2", r);
            }
            assertEquals(RefusalLog.MAX_KINDS, refusals.kinds());
            assertEquals(RefusalLog.MAX_KINDS, log.containing("refused with ORA-12529").size());
            refusals.flush();
            assertEquals(RefusalLog.MAX_KINDS, log.containing("1 more like it").size());
            assertEquals(1, log.containing("… and 1952 more refusals and drops").size(), log.lines().toString());
            refusals.flush();
            assertEquals(0, refusals.kinds(), "a quiet window forgets every kind");
        }
    }
}
