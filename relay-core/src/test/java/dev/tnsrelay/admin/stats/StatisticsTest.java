package dev.tnsrelay.admin.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tnsrelay.gateway.Refusal;
import dev.tnsrelay.gateway.SessionInfo;
import dev.tnsrelay.gateway.SessionState;
import dev.tnsrelay.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Counting from session events, and the hour of samples as rates, on a clock the test moves. */
class StatisticsTest {

    private static SessionInfo session(long id, Instant start) {
        return new SessionInfo(id, "127.0.0.1:40000", "db:1521", "sales", 0, SessionState.ESTABLISHED, start,
                Duration.ZERO, 0, 0);
    }

    @Test
    void handshakeTimesRefusalsAndRatesBetweenSamples() {
        MutableClock clock = new MutableClock();
        Statistics stats = new Statistics(clock, Optional::empty);
        stats.sample();
        for (int i = 0; i < 10; i++) {
            SessionInfo s = session(i, clock.instant());
            stats.opened(s);
            clock.advance(Duration.ofMillis(i < 5 ? 3 : 300));
            stats.established(s);
        }
        stats.refused(session(11, clock.instant()), new Refusal(12529, Refusal.Reason.RULE, "no rule"));
        stats.refused(session(12, clock.instant()), new Refusal(12514, Refusal.Reason.NEXT_HOP, "passed on"));
        stats.dropped(session(13, clock.instant()), "dropped by the rule at 1");
        clock.advance(Duration.ofSeconds(5).minusMillis(1515));
        stats.sample();

        String text = dev.tnsrelay.admin.prometheus.PrometheusText.of(stats.families());
        var scrape = dev.tnsrelay.testing.Scrape.of(text);
        assertEquals(10, scrape.value("tnsrelay_handshake_duration_seconds_count"));
        assertEquals(5, scrape.value("tnsrelay_handshake_duration_seconds_bucket", "le", "0.005"));
        assertEquals(5, scrape.value("tnsrelay_handshake_duration_seconds_bucket", "le", "0.25"));
        assertEquals(10, scrape.value("tnsrelay_handshake_duration_seconds_bucket", "le", "0.5"));
        assertEquals(1.515, scrape.value("tnsrelay_handshake_duration_seconds_sum"), 1e-9);
        assertEquals(1, scrape.value("tnsrelay_refused_sessions_total", "reason", "next_hop", "error", "ORA-12514"));
        assertEquals(1, scrape.value("tnsrelay_dropped_sessions_total"));
        assertEquals(0, scrape.value("tnsrelay_up"));

        Chart chart = stats.history();
        assertEquals(2, chart.times().size());
        assertNull(chart.handshakesPerSecond().get(0), "no rate before the first interval");
        assertEquals(2.0, chart.handshakesPerSecond().get(1), 1e-9, "10 handshakes in 5 s");
        assertEquals(0.2, chart.refusalsPerSecond().get("rule").get(1), 1e-9);
        assertEquals(0.2, chart.refusalsPerSecond().get("next_hop").get(1), 1e-9);
        assertEquals(0.0, chart.refusalsPerSecond().get("limit").get(1), 1e-9);
        assertEquals(0.2, chart.dropsPerSecond().get(1), 1e-9);
        Rates rates = stats.rates();
        assertEquals(5, rates.seconds());
        assertEquals(2.0, rates.handshakesPerSecond(), 1e-9);
        assertEquals(0.6, rates.refusedPerSecond(), 1e-9, "refusals and drops");
    }

    @Test
    void theHistoryKeepsOneHourAndNoMore() {
        MutableClock clock = new MutableClock();
        Statistics stats = new Statistics(clock, Optional::empty);
        for (int i = 0; i < History.SIZE + 100; i++) {
            stats.sample();
            clock.advance(History.INTERVAL);
        }
        Chart chart = stats.history();
        assertEquals(720, chart.times().size());
        assertEquals(Duration.ofHours(1).minus(History.INTERVAL).toSeconds(),
                chart.times().get(chart.times().size() - 1) - chart.times().get(0));
    }

    @Test
    void tlsHandshakeFailuresAreCountedByCauseEveryCauseFromTheStart() {
        MutableClock clock = new MutableClock();
        Statistics stats = new Statistics(clock, Optional::empty);
        var scrape = dev.tnsrelay.testing.Scrape.of(dev.tnsrelay.admin.prometheus.PrometheusText.of(stats.families()));
        assertEquals(0, scrape.value("tnsrelay_tls_handshake_failures_total", "cause", "unknown_ca"));
        SessionInfo s = session(1, clock.instant());
        stats.tlsFailed(s, new dev.tnsrelay.tls.TlsFailure(dev.tnsrelay.tls.TlsFailure.Cause.NOT_TLS, "client", "x"));
        stats.tlsFailed(s, new dev.tnsrelay.tls.TlsFailure(dev.tnsrelay.tls.TlsFailure.Cause.NOT_TLS, "client", "y"));
        stats.tlsFailed(s, new dev.tnsrelay.tls.TlsFailure(dev.tnsrelay.tls.TlsFailure.Cause.TIMEOUT, "client", "z"));
        scrape = dev.tnsrelay.testing.Scrape.of(dev.tnsrelay.admin.prometheus.PrometheusText.of(stats.families()));
        assertEquals(2, scrape.value("tnsrelay_tls_handshake_failures_total", "cause", "not_tls"));
        assertEquals(1, scrape.value("tnsrelay_tls_handshake_failures_total", "cause", "timeout"));
        assertEquals(0, scrape.value("tnsrelay_tls_handshake_failures_total", "cause", "unknown_ca"));
    }
}
