package dev.tnsrelay.admin.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.admin.prometheus.MetricsEndpoint;
import dev.tnsrelay.admin.prometheus.PrometheusText;
import dev.tnsrelay.instance.JmxMode;
import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.RawTnsClient;
import dev.tnsrelay.testing.Scrape;
import dev.tnsrelay.testing.SessionEvents;
import dev.tnsrelay.testing.TestInstance;
import dev.tnsrelay.tns.ConnectPacket;
import dev.tnsrelay.tns.PacketType;
import dev.tnsrelay.tns.TnsPacket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone {@code /metrics}: after sessions relayed, a rule refusal and bytes echoed, every counter has
 * moved by exactly what the clients did (bytes as the clients wrote and read them), and every name the Grafana
 * dashboard in examples/ queries is served.
 */
class StandaloneMetricsIT {

    private static final String CMAN = "cman_test = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=0))\n"
            + "(RULE_LIST=(RULE=(SRC=*)(DST=*)(SRV=payroll)(ACT=reject))"
            + "(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept))))\n";
    static final Path DASHBOARD = Path.of("..", "examples", "grafana", "tnsrelay-dashboard.json");

    private static String route(TestInstance gw, FakeTnsListener db, String service) {
        return "(DESCRIPTION=(SOURCE_ROUTE=YES)" + gw.address() + db.address()
                + "(CONNECT_DATA=(SERVICE_NAME=" + service + ")(CID=(PROGRAM=stats-test)(HOST=here)(USER=me))))";
    }

    private static long connectBytes(String descriptor) {
        long n = 0;
        for (byte[] p : ConnectPacket.build(descriptor)) {
            n += p.length;
        }
        return n;
    }

    @Test
    void countersMoveByExactlyWhatTheClientsDidAndTheDashboardsNamesAreServed(@TempDir Path dir) throws Exception {
        SessionEvents events = new SessionEvents();
        var threads = Executors.newCachedThreadPool();
        try (FakeTnsListener db = new FakeTnsListener();
             TestInstance gw = TestInstance.start(dir, CMAN, new JmxMode.None(), Clock.systemUTC(), List.of(events));
             MetricsEndpoint endpoint = MetricsEndpoint.start(new InetSocketAddress("127.0.0.1", 0),
                     gw.manager.statistics(), threads)) {
            URI url = URI.create("http://127.0.0.1:" + endpoint.address().getPort() + "/metrics");
            Scrape before = Scrape.get(url);
            assertEquals(1, before.value("tnsrelay_up"));
            assertEquals(0, before.value("tnsrelay_sessions_total"));

            long in = 0;
            long out = 0;
            for (int echoed : new int[] {1000, 3000}) {
                db.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
                String sales = route(gw, db, "sales");
                try (RawTnsClient c = new RawTnsClient(gw.port())) {
                    TnsPacket accept = c.answer(sales);
                    assertEquals(PacketType.ACCEPT, accept.type());
                    assertTrue(c.echoes(echoed));
                    in += connectBytes(sales) + echoed;
                    out += accept.bytes().length + echoed;
                }
            }
            String payroll = route(gw, db, "payroll");
            try (RawTnsClient c = new RawTnsClient(gw.port())) {
                TnsPacket refuse = c.answer(payroll);
                assertEquals(PacketType.REFUSE, refuse.type());
                in += connectBytes(payroll);
                out += refuse.bytes().length;
            }
            assertTrue(events.awaitNoSessions(Duration.ofSeconds(10)), "every session ended");
            Scrape after = Scrape.get(url);
            assertEquals(3, after.value("tnsrelay_sessions_total"));
            assertEquals(2, after.value("tnsrelay_handshakes_total"));
            assertEquals(1, after.value("tnsrelay_refused_sessions_total", "reason", "rule", "error", "ORA-12529"));
            assertEquals(0, after.value("tnsrelay_dropped_sessions_total"));
            assertEquals(in, (long) after.value("tnsrelay_bytes_in_total"), after.text);
            assertEquals(out, (long) after.value("tnsrelay_bytes_out_total"), after.text);
            assertEquals(in, (long) after.sum("tnsrelay_gateway_bytes_in_total"), "the gateways' own counts");
            assertEquals(out, (long) after.sum("tnsrelay_gateway_bytes_out_total"));
            assertEquals(0, after.value("tnsrelay_current_sessions"));
            assertEquals(3, after.sum("tnsrelay_gateway_sessions_total"));
            assertEquals(1, after.sum("tnsrelay_gateway_refused_sessions_total"));
            assertEquals(0, after.sum("tnsrelay_gateway_current_sessions"));
            assertEquals(2, after.value("tnsrelay_handshake_duration_seconds_count"));
            assertEquals(2, after.value("tnsrelay_handshake_duration_seconds_bucket", "le", "+Inf"));
            assertTrue(after.value("tnsrelay_handshake_duration_seconds_sum") > 0);
            assertEquals(gw.admin().gateways(TestInstance.ALICE).size(),
                    after.value("tnsrelay_current_gateways", "state", "ready"));
            assertEquals(0, after.value("tnsrelay_current_gateways", "state", "suspended"));
            assertTrue(after.text.contains("# TYPE tnsrelay_bytes_in_total counter\n"), after.text);
            assertTrue(after.text.contains("# TYPE tnsrelay_handshake_duration_seconds histogram\n"));

            Set<String> missing = new TreeSet<>(Scrape.namesInDashboard(DASHBOARD));
            assertTrue(missing.size() > 10, "the dashboard queries tnsrelay's series: " + missing);
            missing.removeAll(after.names());
            assertEquals(Set.of(), missing, "names the Grafana dashboard queries that /metrics does not serve");

            HttpClient http = HttpClient.newHttpClient();
            assertEquals(404, http.send(HttpRequest.newBuilder(url.resolve("/other")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            HttpResponse<Void> post = http.send(HttpRequest.newBuilder(url)
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.discarding());
            assertEquals(405, post.statusCode());
            assertEquals(PrometheusText.CONTENT_TYPE, http.send(HttpRequest.newBuilder(url).build(),
                    HttpResponse.BodyHandlers.discarding()).headers().firstValue("Content-Type").orElse(""));
        } finally {
            threads.shutdownNow();
        }
    }
}
