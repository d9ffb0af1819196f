package dev.tnsrelay.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.RawTnsClient;
import dev.tnsrelay.testing.Scrape;
import dev.tnsrelay.tns.ConnectPacket;
import dev.tnsrelay.tns.PacketType;
import dev.tnsrelay.tns.TnsPacket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;

/**
 * The operator's view of the hosted server (issue 16): the server's {@code /metrics}, the dashboard's charts and
 * a hostile client in the screens. Called by {@link HostedGatewayIT} in its order, against its one server.
 */
final class OperatorView {

    /** A client's CID that would run a script if a screen put it in as HTML. */
    static final String XSS = "<img src=x onerror=alert(1)>";
    static final Path DASHBOARD = Path.of("..", "examples", "grafana", "tnsrelay-dashboard.json");

    private OperatorView() {
    }

    /** Scrapes until {@code ready} holds (the WAR registers a new series within seconds); fails after 30 s. */
    static Scrape awaitScrape(URI metrics, Predicate<Scrape> ready) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Scrape s = Scrape.get(metrics);
        while (!ready.test(s)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("/metrics did not get there within 30 s:\n" + s.text);
            }
            Thread.sleep(200); // another process's registry: nothing to wait on but its answers
            s = Scrape.get(metrics);
        }
        return s;
    }

    static long connectBytes(String descriptor) {
        long n = 0;
        for (byte[] p : ConnectPacket.build(descriptor)) {
            n += p.length;
        }
        return n;
    }

    /**
     * Bytes relayed for a raw client move the byte counters by exactly what it wrote and read; real ojdbc
     * connects refused by a rule and by the listener behind move the session and refusal counters by one each;
     * and every name the Grafana dashboard queries is served.
     */
    static void metricsMoveByExactlyWhatTheClientsDid(URI metrics, int gateway, FakeTnsListener db,
            java.util.function.Function<String, String> route, java.util.function.Function<String, Integer> ojdbc)
            throws Exception {
        Scrape a = awaitScrape(metrics, s -> s.has("tnsrelay_up") && s.has("tnsrelay_bytes_in_total"));
        assertEquals(1, a.value("tnsrelay_up"), a.text);
        assertTrue(a.text.contains("tnsrelay_sessions_total{mp_scope=\"application\"}"),
                "MicroProfile Metrics' application scope on Payara's /metrics: " + a.text);

        db.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
        String sales = route.apply("sales");
        long in;
        long out;
        try (RawTnsClient c = new RawTnsClient(gateway)) {
            TnsPacket accept = c.answer(sales);
            assertEquals(PacketType.ACCEPT, accept.type());
            assertTrue(c.echoes(5000));
            in = connectBytes(sales) + 5000;
            out = accept.bytes().length + 5000;
        }
        db.takeConnect();
        double open = a.value("tnsrelay_current_sessions");
        double sessions = a.value("tnsrelay_sessions_total");
        Scrape b = awaitScrape(metrics, s -> s.value("tnsrelay_sessions_total") == sessions + 1
                && s.value("tnsrelay_current_sessions") == open);
        assertEquals(in, (long) (b.value("tnsrelay_bytes_in_total") - a.value("tnsrelay_bytes_in_total")), b.text);
        assertEquals(out, (long) (b.value("tnsrelay_bytes_out_total") - a.value("tnsrelay_bytes_out_total")));
        assertEquals(in, (long) (b.sum("tnsrelay_gateway_bytes_in_total") - a.sum("tnsrelay_gateway_bytes_in_total")));
        assertEquals(1, b.value("tnsrelay_handshakes_total") - a.value("tnsrelay_handshakes_total"));
        assertEquals(1, b.value("tnsrelay_handshake_duration_seconds_count")
                - a.value("tnsrelay_handshake_duration_seconds_count"));

        assertEquals(12529, ojdbc.apply(route.apply("payroll")), "the rule refuses payroll");
        db.enqueue(new FakeTnsListener.Refuse(12514));
        assertEquals(12514, ojdbc.apply(route.apply("sales")), "the listener behind refuses");
        db.takeConnect();
        Scrape c = awaitScrape(metrics, s -> s.value("tnsrelay_sessions_total") == sessions + 3
                && s.has("tnsrelay_refused_sessions_total", "reason", "next_hop", "error", "ORA-12514")
                && s.value("tnsrelay_current_sessions") == open);
        String[] rule = {"reason", "rule", "error", "ORA-12529"};
        String[] nextHop = {"reason", "next_hop", "error", "ORA-12514"};
        assertEquals(1, c.value("tnsrelay_refused_sessions_total", rule)
                - b.value("tnsrelay_refused_sessions_total", rule), c.text);
        assertEquals(1, c.value("tnsrelay_refused_sessions_total", nextHop)
                - b.value("tnsrelay_refused_sessions_total", nextHop));
        assertEquals(b.value("tnsrelay_handshakes_total"), c.value("tnsrelay_handshakes_total"));
        assertEquals(b.value("tnsrelay_dropped_sessions_total"), c.value("tnsrelay_dropped_sessions_total"));
        assertEquals(1, c.sum("tnsrelay_gateway_refused_sessions_total")
                - b.sum("tnsrelay_gateway_refused_sessions_total"),
                "only the rule's refusal is the gateway's own; the listener's is passed on");

        Set<String> missing = new TreeSet<>(Scrape.namesInDashboard(DASHBOARD));
        assertTrue(missing.size() > 10, missing.toString());
        missing.removeAll(c.names());
        assertEquals(Set.of(), missing, "names the Grafana dashboard queries that Payara's /metrics does not serve");
    }

    /**
     * The dashboard's charts drawn from a load the test makes (raw sessions relaying bytes), the status with rates,
     * the rule tester on the Rules screen; then a client whose CID is hostile, shown as text in a table that keeps
     * its width, no script run; its line in the instance log stays one line.
     */
    static void dashboardAndAHostileClient(AdminScreens s, URI admin, String password, int gateway,
            FakeTnsListener db, java.util.function.Function<String, String> route, Path instanceLog,
            Supplier<String> hostileConnect) throws Exception {
        s.browser.get(admin.toString());
        s.until(d -> d.getCurrentUrl().endsWith("/login.html"));
        s.find("#user").sendKeys("admin");
        s.find("#password").sendKeys(password);
        s.find("#login").click();
        s.until(d -> d.findElement(By.id("status")).getText().contains("cman_it"));
        s.browser.get(admin + "#dashboard");
        s.until(d -> !d.findElements(By.cssSelector("#chart-sessions canvas")).isEmpty());

        // a load: batches of sessions relaying bytes until the charts show it (the instance samples every 5 s)
        long handshakesBefore = points(s.browser, "chart-handshakes");
        long bytesBefore = points(s.browser, "chart-bytes");
        int sessions = 0;
        do {
            assertTrue(sessions < 60, "the charts show no new load after " + sessions + " sessions");
            for (int i = 0; i < 10; i++, sessions++) {
                db.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
                try (RawTnsClient c = new RawTnsClient(gateway)) {
                    assertEquals(PacketType.ACCEPT, c.handshake(route.apply("load")));
                    assertTrue(c.echoes(32 * 1024));
                }
                db.takeConnect();
            }
        } while (!shown(s, handshakesBefore, bytesBefore));
        assertFalse(s.browser.findElements(By.cssSelector("#chart-bytes canvas")).isEmpty());
        assertTrue(s.find("#chart-bytes").getAttribute("data-series").contains("gateway 0 in"));
        s.screenshot("08-dashboard");

        s.browser.get(admin + "#status");
        s.until(d -> d.findElement(By.id("status")).getText().matches("(?s).*Handshakes\\s+\\d+(\\.\\d+)?/s.*"));

        s.browser.get(admin + "#rules");
        s.find("#check-source").sendKeys("127.0.0.1");
        s.find("#check-destination").sendKeys("db.example.com");
        s.find("#check-service").sendKeys("payroll");
        s.find("#rule-check").click();
        s.until(d -> d.findElement(By.id("rule-check-answer")).getText().contains("rule 1 rejects: ORA-12529"));
        s.screenshot("09-rule-tester");

        db.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Hold());
        try (RawTnsClient hostile = new RawTnsClient(gateway)) {
            assertEquals(PacketType.ACCEPT, hostile.handshake(hostileConnect.get()));
            db.takeConnect();
            s.browser.get(admin + "#connections");
            s.until(d -> d.findElements(By.cssSelector("#connections td.program")).stream()
                    .anyMatch(td -> td.getText().equals(XSS)));
            assertTrue(s.browser.findElements(By.cssSelector("#connections img")).isEmpty(), "no element was made");
            assertThrows(NoAlertPresentException.class, () -> s.browser.switchTo().alert(), "no script ran");
            double width = ((Number) ((JavascriptExecutor) s.browser).executeScript(
                    "return document.querySelector('table.connections').getBoundingClientRect().width")).doubleValue();
            double window = ((Number) ((JavascriptExecutor) s.browser).executeScript("return window.innerWidth"))
                    .doubleValue();
            assertTrue(width <= window * 1.5, "a 3,000-character host does not widen the table: " + width + " px in a "
                    + window + " px window");
            s.screenshot("10-hostile-client");
        }

        Path log = Files.list(instanceLog).filter(f -> f.getFileName().toString().endsWith(".log")).findFirst()
                .orElseThrow();
        List<String> lines = Files.readAllLines(log);
        List<String> hostile = lines.stream().filter(l -> l.contains("program=\"" + XSS + "\"")).toList();
        assertTrue(hostile.size() >= 1, "the established line names the client: " + lines.size() + " lines");
        for (String l : hostile) {
            assertTrue(l.matches("^\\S+Z admin \\w+ session=\\d+ (established|ended) .*"), l);
            assertTrue(l.contains("host=\"" + "h".repeat(128) + "…(+2872 chars)\" user=\"mallory\\nforged line\""),
                    l);
        }
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("forged line")), "the user's line break is escaped");
    }

    /** Whether the handshake and byte charts show more than before within the next two samples. */
    private static boolean shown(AdminScreens s, long handshakes, long bytes) {
        try {
            new org.openqa.selenium.support.ui.WebDriverWait(s.browser, Duration.ofSeconds(12))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> points(d, "chart-handshakes") > handshakes && points(d, "chart-bytes") > bytes);
            return true;
        } catch (org.openqa.selenium.TimeoutException e) {
            return false;
        }
    }

    private static long points(org.openqa.selenium.WebDriver d, String chart) {
        String p = d.findElement(By.id(chart)).getAttribute("data-points");
        return p == null ? 0 : Long.parseLong(p);
    }
}
