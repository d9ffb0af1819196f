package dev.tnsrelay.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.gateway.SessionInfo;
import dev.tnsrelay.gateway.SessionListener;
import dev.tnsrelay.registry.ServiceInfo;
import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.Gateways;
import dev.tnsrelay.testing.RawTnsClient;
import dev.tnsrelay.tns.PacketType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;

/**
 * The instance parameters a gateway honours, each set in PARAMETER_LIST (not only through a rule's ACTION_LIST)
 * and seen doing what it says with a real client. The parameter table ({@link ParameterTableTest}) names these.
 */
class ParametersIT {

    private static String route(Gateways gw, String next, String service) {
        return "(DESCRIPTION=(SOURCE_ROUTE=YES)" + gw.address() + next + "(CONNECT_DATA=(SERVICE_NAME=" + service + ")))";
    }

    private static FakeTnsListener echoing() throws IOException {
        return new FakeTnsListener().enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
    }

    private static Properties scott() {
        Properties p = new Properties();
        p.setProperty("user", "scott");
        p.setProperty("password", "tiger");
        p.setProperty("oracle.net.CONNECT_TIMEOUT", "15000");
        return p;
    }

    @Test
    void inboundConnectTimeoutClosesAClientThatSaysNothing() throws Exception {
        try (Gateways gw = Gateways.acceptingAll("(INBOUND_CONNECT_TIMEOUT=1)");
             RawTnsClient silent = new RawTnsClient(gw.port())) {
            assertTrue(silent.closedByPeer(), "closed within the client's 20 s read timeout");
        }
    }

    @Test
    void idleTimeoutClosesASilentSessionAndActivityKeepsIt() throws Exception {
        try (FakeTnsListener db = echoing(); Gateways gw = Gateways.acceptingAll("(IDLE_TIMEOUT=1)");
             RawTnsClient client = new RawTnsClient(gw.port())) {
            assertEquals(PacketType.ACCEPT, client.handshake(route(gw, db.address(), "sales")));
            assertTrue(client.echoes(100), "an active session is relayed");
            assertTrue(client.closedByPeer(), "a silent one is closed");
        }
    }

    @Test
    void sessionTimeoutEndsABusySession() throws Exception {
        CountDownLatch ended = new CountDownLatch(1);
        List<String> causes = new CopyOnWriteArrayList<>();
        try (FakeTnsListener db = echoing(); Gateways gw = Gateways.acceptingAll("(SESSION_TIMEOUT=1)");
             RawTnsClient client = new RawTnsClient(gw.port())) {
            gw.engine.addListener(new SessionListener() {
                @Override
                public void closed(SessionInfo session, String cause) {
                    causes.add(cause);
                    ended.countDown();
                }
            });
            assertEquals(PacketType.ACCEPT, client.handshake(route(gw, db.address(), "sales")));
            boolean cut = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!cut && System.nanoTime() < deadline) {
                try {
                    cut = !client.echoes(100); // busy all the time: only SESSION_TIMEOUT can end it
                } catch (IOException e) {
                    cut = true;
                }
            }
            assertTrue(cut, "the busy session was cut");
            assertTrue(ended.await(10, TimeUnit.SECONDS));
            assertEquals(List.of("SESSION_TIMEOUT"), causes);
        }
    }

    @Test
    void outboundConnectTimeoutIsOra12535() throws Exception {
        // a listener whose backlog is full: the kernel drops further SYNs, so a connect hangs
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket blackHole = new ServerSocket(0, 1, loopback);
             Socket first = new Socket(loopback, blackHole.getLocalPort());
             Socket second = new Socket(loopback, blackHole.getLocalPort());
             Gateways gw = Gateways.acceptingAll("(OUTBOUND_CONNECT_TIMEOUT=1)")) {
            SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:oracle:thin:@"
                    + route(gw, "(ADDRESS=(PROTOCOL=TCP)(HOST=127.0.0.1)(PORT=" + blackHole.getLocalPort() + "))", "sales"),
                    scott()).close());
            assertEquals(12535, e.getErrorCode(), e.getMessage());
        }
    }

    @Test
    void minGatewayProcessesStartsThatManyGateways() throws Exception {
        try (Gateways gw = Gateways.acceptingAll("(MIN_GATEWAY_PROCESSES=3)")) {
            assertEquals(List.of(0, 1, 2), gw.engine.gateways().stream().map(g -> g.id()).toList());
        }
        try (Gateways gw = Gateways.acceptingAll("")) {
            assertEquals(2, gw.engine.gateways().size(), "the default, 2");
        }
    }

    @Test
    void healthCheckIntervalTakesAHandlerWhoseListenerIsGoneOutOfRotation() throws Exception {
        int gone;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            gone = s.getLocalPort();
        }
        try (Gateways gw = Gateways.fromText("c = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=0))"
                + "(RULE_LIST=(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept)))(PARAMETER_LIST=(HEALTH_CHECK_INTERVAL=1))"
                + "(SERVICE_LIST=(SERVICE=(SERVICE_NAME=hr)(INSTANCE_NAME=hr1)(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)"
                + "(PORT=" + gone + ")))))")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (healthy(gw) && System.nanoTime() < deadline) {
                Thread.sleep(50); // the periodic check tells nobody; its verdict shows in the registry
            }
            assertFalse(healthy(gw), "the check found the handler failing without being asked");
            SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:oracle:thin:@"
                    + "(DESCRIPTION=" + gw.address() + "(CONNECT_DATA=(SERVICE_NAME=hr)))", scott()).close());
            assertEquals(12528, e.getErrorCode(), "the failing handler is out of rotation: " + e.getMessage());
        }
    }

    private static boolean healthy(Gateways gw) {
        return gw.engine.registry().snapshot().stream().flatMap(s -> s.instances().stream())
                .flatMap(i -> i.handlers().stream()).allMatch(ServiceInfo.HandlerInfo::healthy);
    }

    @Test
    void connectionStatisticsLogsEachSessionsEndAndARulesConnStatsOverridesIt() throws Exception {
        List<String> logged = new CopyOnWriteArrayList<>();
        Logger gateway = Logger.getLogger("dev.tnsrelay.gateway");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(new SimpleFormatter().formatMessage(r));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        gateway.addHandler(capture);
        CountDownLatch ended = new CountDownLatch(3);
        try (FakeTnsListener db = echoing().enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo())
                .enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
             Gateways gw = Gateways.start("(RULE=(SRC=127.0.0.1)(DST=*)(SRV=quiet)(ACT=accept)(ACTION_LIST=(CONN_STATS=off)))"
                     + "(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept))", "(CONNECTION_STATISTICS=yes)")) {
            gw.engine.addListener(new SessionListener() {
                @Override
                public void closed(SessionInfo session, String cause) {
                    ended.countDown();
                }
            });
            for (String service : List.of("sales", "quiet")) {
                try (RawTnsClient client = new RawTnsClient(gw.port())) {
                    assertEquals(PacketType.ACCEPT, client.handshake(route(gw, db.address(), service)));
                    assertTrue(client.echoes(1000));
                }
            }
            gw.engine.set(CmanParameter.CONNECTION_STATISTICS, "no");
            try (RawTnsClient client = new RawTnsClient(gw.port())) {
                assertEquals(PacketType.ACCEPT, client.handshake(route(gw, db.address(), "hr")));
            }
            assertTrue(ended.await(20, TimeUnit.SECONDS));
        } finally {
            gateway.removeHandler(capture);
        }
        List<String> stats = logged.stream().filter(l -> l.startsWith("CONN_STATS")).toList();
        assertEquals(1, stats.size(), logged.toString());
        assertTrue(stats.get(0).matches("CONN_STATS session \\d+ client 127\\.0\\.0\\.1:\\d+ server 127\\.0\\.0\\.1:\\d+"
                + " service sales duration \\d+ ms bytes from client \\d+ to client \\d+ program \"[^\"]*\" host \"[^\"]*\""
                + " user \"[^\"]*\": closed"), stats.get(0));
    }
}
