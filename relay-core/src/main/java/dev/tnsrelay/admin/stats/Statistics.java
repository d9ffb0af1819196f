package dev.tnsrelay.admin.stats;

import dev.tnsrelay.gateway.EngineState;
import dev.tnsrelay.gateway.GatewayInfo;
import dev.tnsrelay.gateway.Refusal;
import dev.tnsrelay.gateway.RelayEngine;
import dev.tnsrelay.gateway.SessionInfo;
import dev.tnsrelay.gateway.SessionListener;
import dev.tnsrelay.registry.ServiceInfo;
import dev.tnsrelay.tls.TlsFailure;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The instance's statistics, computed here once: a session listener on every engine the instance starts (what
 * only events can tell: sessions opened, handshakes and their time, refusals by reason and ORA number, drops)
 * and the gateways' own counters (sessions now, per gateway, bytes). Every door reads these: the WAR's
 * MicroProfile Metrics gauges and the standalone {@code /metrics} read {@link #families()}, the screens' charts
 * read {@link #history()}. The counters only go up while the instance lives, through shutdowns and startups.
 *
 * <p>Names follow the exporters operators know (HAProxy's, PgBouncer's): {@code tnsrelay_…_total} for counters,
 * {@code current} for what is open now, the unit in the name.
 */
public final class Statistics implements SessionListener {

    /** The reasons as labels, in the order the charts show them. */
    private static final Map<Refusal.Reason, String> REASONS = new EnumMap<>(Map.of(Refusal.Reason.RULE, "rule",
            Refusal.Reason.LIMIT, "limit", Refusal.Reason.REGISTRY, "registry", Refusal.Reason.NEXT_HOP, "next_hop",
            Refusal.Reason.BAD_INPUT, "bad_input"));

    private final Clock clock;
    private final Supplier<Optional<RelayEngine>> engine;
    private final LongAdder opened = new LongAdder();
    private final LongAdder established = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final Map<TlsFailure.Cause, LongAdder> tlsFailures = new EnumMap<>(TlsFailure.Cause.class);
    private final ConcurrentMap<RefusalKind, LongAdder> refused = new ConcurrentHashMap<>();
    private final HandshakeTimes handshakeTimes = new HandshakeTimes();
    private final ByteTotals bytes = new ByteTotals();
    private final History history = new History();

    /** @param engine the instance's engine of the moment; empty before the first start */
    public Statistics(Clock clock, Supplier<Optional<RelayEngine>> engine) {
        this.clock = clock;
        this.engine = engine;
        for (TlsFailure.Cause c : TlsFailure.Cause.values()) {
            tlsFailures.put(c, new LongAdder());
        }
    }

    /** A refusal's labels: why, and the ORA number the client was sent. */
    private record RefusalKind(String reason, int error) {
    }

    // ---- what the sessions tell (gateway threads: counters only, no lock)

    @Override
    public void opened(SessionInfo session) {
        opened.increment();
    }

    @Override
    public void refused(SessionInfo session, Refusal refusal) {
        refused.computeIfAbsent(new RefusalKind(REASONS.get(refusal.reason()), refusal.error()), k -> new LongAdder())
                .increment();
    }

    @Override
    public void dropped(SessionInfo session, String reason) {
        dropped.increment();
    }

    @Override
    public void established(SessionInfo session) {
        established.increment();
        handshakeTimes.add(Duration.between(session.start(), clock.instant()));
    }

    /** A client's TLS handshake failed on a TCPS endpoint: counted by cause. */
    @Override
    public void tlsFailed(SessionInfo session, TlsFailure failure) {
        tlsFailures.get(failure.cause()).increment();
    }

    // ---- totals

    /** Connections the listener accepted since the instance was built. */
    public long sessionsTotal() {
        return opened.sum();
    }

    /** Sessions that completed their handshake (the next hop's ACCEPT relayed). */
    public long handshakesTotal() {
        return established.sum();
    }

    public long droppedTotal() {
        return dropped.sum();
    }

    /** Refusals by reason ({@code rule}, {@code limit}, {@code registry}, {@code next_hop}, {@code bad_input}). */
    public Map<String, Long> refusedByReason() {
        Map<String, Long> out = new LinkedHashMap<>();
        REASONS.values().forEach(r -> out.put(r, 0L));
        refused.forEach((k, n) -> out.merge(k.reason(), n.sum(), Long::sum));
        return out;
    }

    /** Bytes received from clients and sent to them, every gateway and engine of the instance included. */
    public long[] bytes() {
        return bytes.read(engine.get().orElse(null));
    }

    /** The gateways now; none when no engine has started. */
    public List<GatewayInfo> gateways() {
        return engine.get().map(RelayEngine::gateways).orElse(List.of());
    }

    private boolean running() {
        return engine.get().map(e -> e.state() == EngineState.RUNNING).orElse(false);
    }

    // ---- the series (Prometheus's names)

    /**
     * Every metric of the instance now, each series reading its value when asked. Gateways that stopped and
     * refusals of a kind not yet seen have no series.
     */
    public List<MetricFamily> families() {
        List<MetricFamily> out = new ArrayList<>();
        out.add(gauge("tnsrelay_up", "1 while the instance listens (RUNNING), else 0", () -> running() ? 1 : 0));
        out.add(counter("tnsrelay_sessions_total", "Client connections the listener accepted", opened::sum));
        out.add(gauge("tnsrelay_current_sessions", "Sessions open now, in every gateway",
                () -> gateways().stream().mapToInt(GatewayInfo::active).sum()));
        out.add(counter("tnsrelay_handshakes_total", "Sessions whose handshake completed (the next hop accepted)",
                established::sum));
        out.add(new MetricFamily("tnsrelay_handshake_duration_seconds", MetricFamily.Type.HISTOGRAM,
                "Time from the accepted connection to the next hop's ACCEPT relayed to the client",
                handshakeTimes.series("tnsrelay_handshake_duration_seconds")));
        List<Series> refusals = new ArrayList<>();
        refused.entrySet().stream().sorted(Map.Entry.comparingByKey(java.util.Comparator
                .comparing(RefusalKind::reason).thenComparing(RefusalKind::error)))
                .forEach(e -> refusals.add(new Series("tnsrelay_refused_sessions_total", labels("reason",
                        e.getKey().reason(), "error", "ORA-" + e.getKey().error()), e.getValue()::sum)));
        out.add(counter("tnsrelay_refused_sessions_total",
                "Connects refused with an Oracle error, by reason and ORA number", refusals));
        out.add(counter("tnsrelay_dropped_sessions_total", "Connects closed without an answer (a drop rule, or"
                + " connect data that is no descriptor)", dropped::sum));
        out.add(counter("tnsrelay_bytes_in_total", "Bytes received from clients", () -> bytes()[0]));
        out.add(counter("tnsrelay_bytes_out_total", "Bytes sent to clients", () -> bytes()[1]));
        perGateway(out);
        out.add(gauge("tnsrelay_current_gateways", "Gateways running now, by state (ready, suspended)",
                List.of(new Series("tnsrelay_current_gateways", labels("state", "ready"),
                                () -> gateways().stream().filter(g -> !g.suspended()).count()),
                        new Series("tnsrelay_current_gateways", labels("state", "suspended"),
                                () -> gateways().stream().filter(GatewayInfo::suspended).count()))));
        out.add(gauge("tnsrelay_registered_services", "Services registered with the instance (SERVICE_LIST included)",
                () -> services().size()));
        List<Series> handlers = new ArrayList<>();
        for (String state : List.of("READY", "BLOCKED", "RESTRICTED")) {
            handlers.add(new Series("tnsrelay_registered_handlers", labels("state", state.toLowerCase(Locale.ROOT)),
                    () -> services().stream().flatMap(s -> s.instances().stream())
                            .flatMap(i -> i.handlers().stream())
                            .filter(h -> h.handler().state().name().equals(state)).count()));
        }
        out.add(gauge("tnsrelay_registered_handlers", "Handlers of registered service instances, by state",
                handlers));
        List<Series> tls = new ArrayList<>();
        tlsFailures.forEach((cause, n) -> tls.add(new Series("tnsrelay_tls_handshake_failures_total",
                labels("cause", cause.name().toLowerCase(Locale.ROOT)), n::sum)));
        out.add(counter("tnsrelay_tls_handshake_failures_total",
                "Clients' TLS handshakes that failed on TCPS endpoints, by cause", tls));
        return out;
    }

    private void perGateway(List<MetricFamily> out) {
        List<GatewayInfo> now = gateways();
        out.add(gauge("tnsrelay_gateway_current_sessions", "Sessions open now in the gateway",
                gatewaySeries("tnsrelay_gateway_current_sessions", now, GatewayInfo::active)));
        out.add(gauge("tnsrelay_gateway_max_sessions", "Most sessions the gateway held at once since it started",
                gatewaySeries("tnsrelay_gateway_max_sessions", now, GatewayInfo::peak)));
        out.add(counter("tnsrelay_gateway_sessions_total", "Sessions the gateway took since it started",
                gatewaySeries("tnsrelay_gateway_sessions_total", now, GatewayInfo::total)));
        out.add(counter("tnsrelay_gateway_refused_sessions_total", "Connects the gateway refused since it started",
                gatewaySeries("tnsrelay_gateway_refused_sessions_total", now, GatewayInfo::refused)));
        out.add(counter("tnsrelay_gateway_bytes_in_total", "Bytes the gateway received from clients since it started",
                gatewaySeries("tnsrelay_gateway_bytes_in_total", now, GatewayInfo::bytesIn)));
        out.add(counter("tnsrelay_gateway_bytes_out_total", "Bytes the gateway sent to clients since it started",
                gatewaySeries("tnsrelay_gateway_bytes_out_total", now, GatewayInfo::bytesOut)));
    }

    /** One series per gateway running now, reading that gateway when asked (NaN once it has stopped). */
    private List<Series> gatewaySeries(String name, List<GatewayInfo> now, ToDoubleFunction<GatewayInfo> value) {
        return now.stream().map(g -> new Series(name, labels("gateway", Integer.toString(g.id())),
                () -> gateways().stream().filter(x -> x.id() == g.id()).findFirst().map(value::applyAsDouble)
                        .orElse(Double.NaN))).toList();
    }

    private List<ServiceInfo> services() {
        return engine.get().map(e -> e.registry().snapshot()).orElse(List.of());
    }

    private static MetricFamily counter(String name, String help, List<Series> series) {
        return new MetricFamily(name, MetricFamily.Type.COUNTER, help, series);
    }

    private static MetricFamily gauge(String name, String help, List<Series> series) {
        return new MetricFamily(name, MetricFamily.Type.GAUGE, help, series);
    }

    private static MetricFamily counter(String name, String help, DoubleSupplier value) {
        return counter(name, help, List.of(new Series(name, Map.of(), value)));
    }

    private static MetricFamily gauge(String name, String help, DoubleSupplier value) {
        return gauge(name, help, List.of(new Series(name, Map.of(), value)));
    }

    private static Map<String, String> labels(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    // ---- over time

    /** Takes one sample of the totals now, for the charts ({@link Sampler} does it every {@link History#INTERVAL}). */
    public void sample() {
        long[] b = bytes();
        List<GatewayInfo> g = gateways();
        history.add(new History.Sample(clock.instant(), g.stream().mapToInt(GatewayInfo::active).sum(),
                established.sum(), refusedByReason(), dropped.sum(), b[0], b[1],
                g.stream().map(x -> new History.GatewaySample(x.id(), x.active(), x.bytesIn(), x.bytesOut()))
                        .toList()));
    }

    /** The last hour of samples as rates, for the dashboard's charts. */
    public Chart history() {
        return history.chart();
    }

    /** The rates over the last sampling interval, for the status screen. */
    public Rates rates() {
        return history.rates();
    }
}
