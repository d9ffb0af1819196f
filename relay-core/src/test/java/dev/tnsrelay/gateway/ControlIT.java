package dev.tnsrelay.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.admin.cmctl.SessionFilter;
import dev.tnsrelay.config.CmanParameter;
import dev.tnsrelay.rules.HostPattern;
import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.Gateways;
import dev.tnsrelay.testing.RawTnsClient;
import dev.tnsrelay.tns.PacketType;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operations behind cmctl, and the timeouts, on a running gateway with raw clients. */
class ControlIT {

    private static String route(Gateways gw, FakeTnsListener db, String service) {
        return "(DESCRIPTION=(SOURCE_ROUTE=YES)" + gw.address() + db.address()
                + "(CONNECT_DATA=(SERVICE_NAME=" + service + ")))";
    }

    private static FakeTnsListener echoing(int sessions) throws Exception {
        FakeTnsListener db = new FakeTnsListener();
        for (int i = 0; i < sessions; i++) {
            db.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
        }
        return db;
    }

    @Test
    void idleAndSessionTimeoutsFromTheRuleCloseTheSession() throws Exception {
        try (FakeTnsListener db = echoing(2);
             Gateways gw = Gateways.start("(RULE=(SRC=*)(DST=*)(SRV=idle)(ACT=accept)(ACTION_LIST=(MIT=1)))"
                     + "(RULE=(SRC=*)(DST=*)(SRV=short)(ACT=accept)(ACTION_LIST=(MCT=1)))", "");
             RawTnsClient idle = new RawTnsClient(gw.port());
             RawTnsClient busy = new RawTnsClient(gw.port())) {
            assertEquals(PacketType.ACCEPT, idle.handshake(route(gw, db, "idle")));
            assertEquals(PacketType.ACCEPT, busy.handshake(route(gw, db, "short")));
            assertTrue(idle.closedByPeer(), "MIT=1 closes a silent session");
            long start = System.nanoTime();
            boolean closed = false;
            while (!closed && System.nanoTime() - start < 15_000_000_000L) {
                try {
                    busy.out.write(new byte[100]); // activity does not extend MCT
                    busy.out.flush();
                    busy.socket.setSoTimeout(200);
                    busy.in.readNBytes(100);
                } catch (java.io.IOException e) {
                    closed = true;
                }
            }
            assertTrue(closed, "MCT=1 ends a busy session");
        }
    }

    @Test
    void snapshotsAndCloseByFilter() throws Exception {
        try (FakeTnsListener db = echoing(2);
             Gateways gw = Gateways.acceptingAll("");
             RawTnsClient sales = new RawTnsClient(gw.port());
             RawTnsClient hr = new RawTnsClient(gw.port())) {
            assertEquals(PacketType.ACCEPT, sales.handshake(route(gw, db, "sales")));
            assertEquals(PacketType.ACCEPT, hr.handshake(route(gw, db, "hr")));
            sales.out.write(new byte[1000]);
            sales.in.readNBytes(1000);
            List<SessionInfo> rows = gw.engine.sessions(SessionFilter.ALL.forService("SALES").at(java.time.Instant.now()));
            assertEquals(1, rows.size());
            SessionInfo row = rows.get(0);
            assertEquals(SessionState.ESTABLISHED, row.state());
            assertEquals("127.0.0.1:" + db.port(), row.server());
            assertTrue(row.client().startsWith("127.0.0.1:"));
            assertTrue(row.bytesIn() >= 1000 && row.bytesOut() >= 1000, row.toString());
            assertEquals(2, gw.engine.sessions(SessionFilter.ALL.from(HostPattern.parse("127.0.0.0/8")).at(java.time.Instant.now())).size());
            assertEquals(0, gw.engine.sessions(SessionFilter.ALL.olderThan(Duration.ofHours(1)).at(java.time.Instant.now())).size());
            assertEquals(2, gw.engine.gateways().stream().mapToInt(GatewayInfo::active).sum());
            assertTrue(gw.engine.gateways().stream().mapToLong(GatewayInfo::bytesIn).sum() >= row.bytesIn()
                    && gw.engine.gateways().stream().mapToLong(GatewayInfo::bytesOut).sum() >= row.bytesOut(),
                    "the gateways count every byte their sessions moved: " + gw.engine.gateways());

            assertEquals(1, gw.engine.close(SessionFilter.ALL.forService("hr").at(java.time.Instant.now())));
            assertTrue(hr.closedByPeer());
            sales.out.write(new byte[10]);
            assertEquals(10, sales.in.readNBytes(10).length, "the other session is untouched");
        }
    }

    @Test
    void suspendedGatewaysRefuseAndResumeTakesAgain() throws Exception {
        try (FakeTnsListener db = echoing(1); Gateways gw = Gateways.acceptingAll("(MIN_GATEWAY_PROCESSES=1)")) {
            gw.engine.suspend(0);
            assertEquals("SUSPENDED", gw.engine.gateways().get(0).state());
            try (RawTnsClient refused = new RawTnsClient(gw.port())) {
                assertEquals(PacketType.REFUSE, refused.handshake(route(gw, db, "sales")));
            }
            gw.engine.resume(0);
            try (RawTnsClient taken = new RawTnsClient(gw.port())) {
                assertEquals(PacketType.ACCEPT, taken.handshake(route(gw, db, "sales")));
            }
            assertThrows(IllegalArgumentException.class, () -> gw.engine.suspend(5));
        }
    }

    @Test
    void shutdownNormalStopsListeningAndEndsWithTheLastSession() throws Exception {
        try (FakeTnsListener db = echoing(1); Gateways gw = Gateways.acceptingAll("")) {
            int port = gw.port();
            try (RawTnsClient live = new RawTnsClient(port)) {
                assertEquals(PacketType.ACCEPT, live.handshake(route(gw, db, "sales")));
                gw.engine.shutdownNormal();
                assertFalse(gw.engine.awaitTermination(Duration.ofMillis(300)), "a session is still open");
                assertThrows(ConnectException.class, () -> new RawTnsClient(port).close());
                live.out.write(new byte[5000]);
                assertEquals(5000, live.in.readNBytes(5000).length, "the open session still relays");
            }
            assertTrue(gw.engine.awaitTermination(Duration.ofSeconds(10)));
        }
    }

    @Test
    void listensOnIpv4AndIpv6Together() throws Exception {
        var instance = dev.tnsrelay.config.CmanOra.parse("c = (CONFIGURATION=(ADDRESS_LIST="
                + "(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=0))(ADDRESS=(PROTOCOL=tcp)(HOST=::1)(PORT=0)))"
                + "(RULE_LIST=(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept))(RULE=(SRC=::1)(DST=*)(SRV=*)(ACT=accept))))",
                "dual").instances().get(0);
        var threads = java.util.concurrent.Executors.newCachedThreadPool();
        try (FakeTnsListener db = echoing(2);
             RelayEngine engine = new RelayEngine(instance, threads, java.time.Clock.systemUTC()).start()) {
            List<java.net.InetSocketAddress> bound = engine.listenAddresses();
            assertEquals(2, bound.size());
            for (java.net.InetSocketAddress a : bound) {
                try (java.net.Socket s = new java.net.Socket(a.getAddress(), a.getPort())) {
                    s.setSoTimeout(20_000);
                    for (byte[] p : dev.tnsrelay.tns.ConnectPacket.build("(DESCRIPTION=(SOURCE_ROUTE=YES)(ADDRESS=(HOST="
                            + a.getAddress().getHostAddress() + ")(PORT=" + a.getPort() + "))" + db.address()
                            + "(CONNECT_DATA=(SERVICE_NAME=s)))")) {
                        s.getOutputStream().write(p);
                    }
                    byte[] answer = s.getInputStream().readNBytes(5);
                    assertEquals(PacketType.ACCEPT.code(), answer[4], "through " + a);
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void thePeriodicHealthCheckRunsWithTheEngineAndStopsWithIt() throws Exception {
        try (Gateways gw = Gateways.acceptingAll("(HEALTH_CHECK_INTERVAL=1)")) {
            assertEquals(1, threadsNamed("tnsrelay-health-check"), "started with the engine");
            gw.engine.close(); // waits until every loop, the health check's too, has returned
            assertEquals(0, threadsNamed("tnsrelay-health-check"), "ended when the engine stopped");
        }
    }

    /** Threads lent to a loop carry its name while it runs and get their own back after. */
    private static long threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).count();
    }

    @Test
    void setChangesOnlyRuntimeParameters() throws Exception {
        try (Gateways gw = Gateways.acceptingAll("")) {
            gw.engine.set(CmanParameter.IDLE_TIMEOUT, "30");
            assertEquals(Duration.ofSeconds(30), gw.engine.parameters().duration(CmanParameter.IDLE_TIMEOUT));
            assertThrows(IllegalArgumentException.class, () -> gw.engine.set(CmanParameter.MAX_GATEWAY_PROCESSES, "4"));
            assertThrows(IllegalArgumentException.class, () -> gw.engine.set(CmanParameter.IDLE_TIMEOUT, "soon"));
        }
    }
}
