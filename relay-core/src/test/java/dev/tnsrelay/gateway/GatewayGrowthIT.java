package dev.tnsrelay.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.Gateways;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Gateways grow and shrink as CMAN's do (issue 12 item 4): with cman.ora's defaults (MIN_GATEWAY_PROCESSES 2,
 * MAX_CONNECTIONS 256) the 513th session is admitted by a third gateway, and surplus gateways stop when idle.
 */
class GatewayGrowthIT {

    private static final int SESSIONS = 600;

    @Test
    void sixHundredHeldOjdbcSessionsAreAllAdmittedOnTheDefaultsAndTheSurplusGatewayStopsWhenIdle() throws Exception {
        FakeTnsListener db = new FakeTnsListener();
        for (int i = 0; i < SESSIONS; i++) {
            db.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Hold());
        }
        ExecutorService clients = Executors.newFixedThreadPool(SESSIONS);
        try (db; Gateways gw = Gateways.start("(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept))", "",
                e -> e.stopIdleGatewaysAfter(Duration.ofSeconds(1)))) {
            String descriptor = "(DESCRIPTION=(SOURCE_ROUTE=YES)" + gw.address() + db.address()
                    + "(CONNECT_DATA=(SERVICE_NAME=sales)))";
            List<CompletableFuture<Integer>> held = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                held.add(CompletableFuture.supplyAsync(() -> hold(descriptor), clients));
            }
            assertTrue(gw.events.await(e -> e.established() == SESSIONS, Duration.ofSeconds(120)),
                    "every session established: " + gw.events.established() + " of " + SESSIONS
                            + ", refusals " + gw.events.refusals());
            List<GatewayInfo> gateways = gw.engine.gateways();
            assertEquals(3, gateways.size(), "a third gateway was started: " + gateways);
            assertEquals(SESSIONS, gateways.stream().mapToInt(GatewayInfo::active).sum());
            assertTrue(gateways.stream().allMatch(g -> g.active() <= 256), "none above MAX_CONNECTIONS: " + gateways);
            assertEquals(0, gateways.stream().mapToLong(GatewayInfo::refused).sum());
            assertEquals(List.of(), gw.events.refusals());

            long mark = gw.engine.events().since(0, 1000).stream().mapToLong(dev.tnsrelay.gateway.Event::sequence)
                    .max().orElse(0);
            assertEquals(SESSIONS, gw.engine.close(s -> true));
            for (CompletableFuture<Integer> h : held) {
                h.get(60, TimeUnit.SECONDS);
            }
            assertNotNull(gw.engine.events().await(mark, e -> e.text().contains("stopped: no session"),
                    Duration.ofSeconds(30)), "the surplus gateway stopped when idle");
            assertEquals(2, gw.engine.gateways().size(), "back to MIN_GATEWAY_PROCESSES: " + gw.engine.gateways());
        } finally {
            clients.shutdownNow();
        }
    }

    /** A real ojdbc connect that the listener accepts and then holds: it ends when the gateway cuts it. */
    private static int hold(String descriptor) {
        Properties p = new Properties();
        p.setProperty("user", "scott");
        p.setProperty("password", "tiger");
        p.setProperty("oracle.net.CONNECT_TIMEOUT", "60000");
        p.setProperty("oracle.jdbc.ReadTimeout", "120000");
        try {
            DriverManager.getConnection("jdbc:oracle:thin:@" + descriptor, p).close();
            return 0;
        } catch (SQLException cut) {
            return cut.getErrorCode();
        }
    }
}
