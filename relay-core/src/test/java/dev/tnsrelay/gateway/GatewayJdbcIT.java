package dev.tnsrelay.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.config.CmanOra;
import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.Gateways;
import dev.tnsrelay.tns.TnsPacket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real Oracle JDBC thin driver through real gateways to a scripted listener: what a client sees for each
 * thing a gateway can decide.
 */
class GatewayJdbcIT {

    private static SQLException connectFails(String descriptor) {
        return assertThrows(SQLException.class, () -> connect(descriptor).close());
    }

    private static Connection connect(String descriptor) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "scott");
        p.setProperty("password", "tiger");
        p.setProperty("oracle.net.CONNECT_TIMEOUT", "15000");
        p.setProperty("oracle.jdbc.ReadTimeout", "30000");
        return DriverManager.getConnection("jdbc:oracle:thin:@" + descriptor, p);
    }

    /** A client whose connect stays open after ACCEPT (the listener holds it) until the test cuts it. */
    private static CompletableFuture<Void> holdSession(String descriptor) {
        return CompletableFuture.runAsync(() -> {
            try {
                connect(descriptor).close();
            } catch (SQLException expectedWhenCut) {
                // ends when the test closes the session
            }
        });
    }

    private static String route(String service, String... addresses) {
        return "(DESCRIPTION=(SOURCE_ROUTE=YES)" + String.join("", addresses) + "(CONNECT_DATA=(SERVICE_NAME="
                + service + ")))";
    }

    @Test
    void aRuleRejectionIsOra12529AndTheListenerHearsNothing() throws Exception {
        try (FakeTnsListener db = new FakeTnsListener();
             Gateways gw = Gateways.start("(RULE=(SRC=*)(DST=*)(SRV=payroll)(ACT=reject))"
                     + "(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept))", "")) {
            SQLException e = connectFails(route("payroll", gw.address(), db.address()));
            assertEquals(12529, e.getErrorCode(), e.getMessage());
            assertTrue(db.nothingReceived());
            assertEquals(1, gw.engine.gateways().stream().mapToLong(GatewayInfo::refused).sum());
        }
    }

    @Test
    void noMatchingRuleRejectsToo() throws Exception {
        try (FakeTnsListener db = new FakeTnsListener();
             Gateways gw = Gateways.start("(RULE=(SRC=10.0.0.0/8)(DST=*)(SRV=*)(ACT=accept))", "")) {
            assertEquals(12529, connectFails(route("sales", gw.address(), db.address())).getErrorCode());
        }
    }

    @Test
    void theListenersOra12514IsPassedThroughWithTheClientsConnectData() throws Exception {
        try (FakeTnsListener db = new FakeTnsListener().enqueue(new FakeTnsListener.Refuse(12514));
             Gateways gw = Gateways.acceptingAll("")) {
            SQLException e = connectFails(route("sales", gw.address(), db.address()));
            assertEquals(12514, e.getErrorCode(), e.getMessage());
            String cd = db.takeConnect().connectData();
            assertTrue(cd.contains("(SERVICE_NAME=sales)"), cd);
            assertTrue(cd.contains("(CID="), "the client's own connect data reaches the listener: " + cd);
        }
    }

    @Test
    void withoutSourceRouteTheServiceIsUnknown() throws Exception {
        try (Gateways gw = Gateways.acceptingAll("")) {
            SQLException e = connectFails("(DESCRIPTION=" + gw.address() + "(CONNECT_DATA=(SERVICE_NAME=sales)))");
            assertEquals(12514, e.getErrorCode(), e.getMessage());
        }
    }

    @Test
    void aChainOfTwoGatewaysReachesTheListener() throws Exception {
        try (FakeTnsListener db = new FakeTnsListener().enqueue(new FakeTnsListener.Refuse(12514));
             Gateways first = Gateways.acceptingAll("");
             Gateways second = Gateways.start("(RULE=(SRC=127.0.0.1)(DST=127.0.0.1)(SRV=sales)(ACT=accept))", "")) {
            SQLException e = connectFails(route("sales", first.address(), second.address(), db.address()));
            assertEquals(12514, e.getErrorCode(), e.getMessage());
            String cd = db.takeConnect().connectData();
            assertTrue(cd.contains("(PORT=" + second.port() + ")") && cd.contains("(PORT=" + first.port() + ")"), cd);
            assertEquals(1, second.engine.gateways().stream().mapToLong(GatewayInfo::total).sum());
        }
    }

    @Test
    void resendIsPassedToTheClientAndTheRepeatedConnectReachesTheSameListener() throws Exception {
        try (FakeTnsListener db = new FakeTnsListener()
                .enqueue(new FakeTnsListener.Resend(), new FakeTnsListener.Refuse(12514));
             Gateways gw = Gateways.acceptingAll("")) {
            assertEquals(12514, connectFails(route("sales", gw.address(), db.address())).getErrorCode());
            FakeTnsListener.Received first = db.takeConnect();
            FakeTnsListener.Received again = db.takeConnect();
            assertEquals(first.connection(), again.connection(), "RESEND is answered on the same connection");
            assertEquals(first.connectData(), again.connectData());
        }
    }

    @Test
    void aRedirectIsFollowedByTheGatewayAndShutdownAbortCutsTheSession() throws Exception {
        try (FakeTnsListener target = new FakeTnsListener()
                .enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Hold());
             FakeTnsListener db = new FakeTnsListener();
             Gateways gw = Gateways.acceptingAll("")) {
            String newData = "(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=127.0.0.1)(PORT=" + target.port()
                    + "))(CONNECT_DATA=(SERVICE_NAME=sales)(INSTANCE_NAME=sales2)))";
            db.enqueue(new FakeTnsListener.Redirect(target.address(), newData));
            CompletableFuture<Connection> client = CompletableFuture.supplyAsync(() -> {
                try {
                    return connect(route("sales", gw.address(), db.address()));
                } catch (SQLException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            FakeTnsListener.Received redirected = target.takeConnect();
            assertEquals(newData, redirected.connectData());
            assertEquals(TnsPacket.FLAG_AFTER_REDIRECT, redirected.flags() & TnsPacket.FLAG_AFTER_REDIRECT);
            assertTrue(target.awaitBytesAfterAccept(15), "the client speaks after ACCEPT through the gateway");
            List<SessionInfo> live = gw.engine.sessions(s -> true);
            assertEquals(1, live.size());
            assertEquals(SessionState.ESTABLISHED, live.get(0).state());
            assertEquals("127.0.0.1:" + target.port(), live.get(0).server(), "the gateway, not the client, followed");
            SessionInfo.ClientId cid = live.get(0).clientId();
            assertEquals(System.getProperty("user.name"), cid.user(), "the client's CID: " + cid);
            assertFalse(cid.program().isEmpty() || cid.host().isEmpty(), "the client's CID: " + cid);

            gw.engine.shutdownAbort();
            ExecutionException e = assertThrows(ExecutionException.class, () -> client.get(30, TimeUnit.SECONDS));
            SQLException sql = (SQLException) e.getCause();
            assertEquals(3113, sql.getErrorCode(), sql.getMessage());
            assertTrue(gw.engine.awaitTermination(Duration.ofSeconds(10)));
        }
    }

    @Test
    void aRedirectLoopEndsAfterEightHopsWithOra12564() throws Exception {
        try (FakeTnsListener a = new FakeTnsListener(); FakeTnsListener b = new FakeTnsListener();
             Gateways gw = Gateways.acceptingAll("")) {
            for (int i = 0; i < 5; i++) {
                a.enqueue(new FakeTnsListener.Redirect(b.address(), null));
                b.enqueue(new FakeTnsListener.Redirect(a.address(), null));
            }
            SQLException e = connectFails(route("sales", gw.address(), a.address()));
            assertEquals(12564, e.getErrorCode(), e.getMessage());
            assertEquals(Handshake.MAX_REDIRECTS + 1, a.connections() + b.connections());
        }
    }

    @Test
    void maxConnectionsIsOra12519() throws Exception {
        try (FakeTnsListener db = new FakeTnsListener()
                .enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Hold());
             Gateways gw = Gateways.acceptingAll("(MAX_CONNECTIONS=1)(MIN_GATEWAY_PROCESSES=1)(MAX_GATEWAY_PROCESSES=1)")) {
            CompletableFuture<Void> holder = holdSession(route("sales", gw.address(), db.address()));
            assertTrue(db.awaitBytesAfterAccept(15));
            SQLException e = connectFails(route("sales", gw.address(), db.address()));
            assertEquals(12519, e.getErrorCode(), e.getMessage());
            assertEquals(1, gw.engine.close(s -> s.state() == SessionState.ESTABLISHED));
            holder.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void anUnreachableNextHopIsOra12541() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (Gateways gw = Gateways.acceptingAll("")) {
            SQLException e = connectFails(route("sales", gw.address(),
                    "(ADDRESS=(PROTOCOL=TCP)(HOST=127.0.0.1)(PORT=" + closedPort + "))"));
            assertEquals(12541, e.getErrorCode(), e.getMessage());
        }
    }

    @Test
    void aNextHopThatNeverAnswersIsOra12535AfterMoct() throws Exception {
        // a listener whose backlog is full: the kernel drops further SYNs, so a connect hangs
        try (java.net.ServerSocket blackHole = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             java.net.Socket first = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), blackHole.getLocalPort());
             java.net.Socket second = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), blackHole.getLocalPort());
             Gateways gw = Gateways.start("(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept)(ACTION_LIST=(MOCT=1)))", "")) {
            SQLException e = connectFails(route("sales", gw.address(),
                    "(ADDRESS=(PROTOCOL=TCP)(HOST=127.0.0.1)(PORT=" + blackHole.getLocalPort() + "))"));
            assertEquals(12535, e.getErrorCode(), e.getMessage());
        }
    }

    @Test
    void aDropRuleClosesWithoutAWord() throws Exception {
        try (FakeTnsListener db = new FakeTnsListener();
             Gateways gw = Gateways.start("(RULE=(SRC=*)(DST=*)(SRV=*)(ACT=drop))", "")) {
            SQLException e = connectFails(route("sales", gw.address(), db.address()));
            assertEquals(17800, e.getErrorCode(), "what JDBC shows for a close after CONNECT: " + e.getMessage());
            assertTrue(db.nothingReceived());
            assertEquals(0, gw.engine.gateways().stream().mapToLong(GatewayInfo::refused).sum(), "a drop is no refusal");
        }
    }

    @Test
    void aReloadedRuleAppliesToTheNextConnectionOnly() throws Exception {
        try (FakeTnsListener db = new FakeTnsListener()
                .enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Hold())
                .enqueue(new FakeTnsListener.Refuse(12514));
             Gateways gw = Gateways.acceptingAll("")) {
            CompletableFuture<Void> established = holdSession(route("sales", gw.address(), db.address()));
            assertTrue(db.awaitBytesAfterAccept(15));
            gw.engine.reload(CmanOra.parse("c = (CONFIGURATION=(ADDRESS=(HOST=127.0.0.1)(PORT=1))(RULE_LIST="
                    + "(RULE=(SRC=*)(DST=*)(SRV=sales)(ACT=reject))))", "reload").instances().get(0).rules());
            assertEquals(12529, connectFails(route("sales", gw.address(), db.address())).getErrorCode());
            assertEquals(1, gw.engine.sessions(s -> s.state() == SessionState.ESTABLISHED).size(),
                    "the established session survives the reload");
            assertFalse(established.isDone());
            gw.engine.close(s -> true);
            established.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aNextHopThatTakesTheConnectAndNeverAnswersIsOra12535WithinMoct() throws Exception {
        try (FakeTnsListener db = new FakeTnsListener().enqueue(new FakeTnsListener.Silent());
             Gateways gw = Gateways.start("(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept)(ACTION_LIST=(MOCT=2)))", "")) {
            long start = System.nanoTime();
            SQLException e = connectFails(route("sales", gw.address(), db.address()));
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertEquals(12535, e.getErrorCode(), e.getMessage());
            assertTrue(seconds >= 1 && seconds < 10, "after MOCT (2 s), not the client's own limit: " + seconds + " s");
            assertTrue(db.takeConnect().connectData().contains("sales"), "the CONNECT had reached the next hop");
            gw.awaitNoSessions();
        }
    }

    @Test
    void aNextHopThatClosesOrResetsMidHandshakeEndsTheSessionAsAListenerWould() throws Exception {
        for (FakeTnsListener.Step fault : List.of(new FakeTnsListener.CloseAfterConnect(),
                new FakeTnsListener.ResetAfterConnect())) {
            try (FakeTnsListener db = new FakeTnsListener().enqueue(fault); Gateways gw = Gateways.acceptingAll("")) {
                SQLException e = connectFails(route("sales", gw.address(), db.address()));
                assertEquals(17800, e.getErrorCode(), fault + ": what JDBC shows for a close after CONNECT: " + e.getMessage());
                gw.awaitNoSessions();
            }
        }
    }

    @Test
    void anAnswerThatComesLateWithinTheLimitIsPassedOn() throws Exception {
        try (FakeTnsListener db = new FakeTnsListener()
                .enqueue(new FakeTnsListener.Pause(1500), new FakeTnsListener.Refuse(12514));
             Gateways gw = Gateways.start("(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept)(ACTION_LIST=(MOCT=5)))", "")) {
            assertEquals(12514, connectFails(route("sales", gw.address(), db.address())).getErrorCode());
        }
    }
}
