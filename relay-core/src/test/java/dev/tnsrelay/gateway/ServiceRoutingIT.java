package dev.tnsrelay.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.admin.ServiceStatus;
import dev.tnsrelay.admin.cmctl.ServicesReport;
import dev.tnsrelay.config.CmanOra;
import dev.tnsrelay.descriptor.Address;
import dev.tnsrelay.descriptor.ServerType;
import dev.tnsrelay.registry.Handler;
import dev.tnsrelay.registry.HandlerState;
import dev.tnsrelay.registry.Registration;
import dev.tnsrelay.registry.RegistrationRefusedException;
import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.MutableClock;
import dev.tnsrelay.testing.SessionEvents;
import java.net.InetAddress;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that name only the service: the real ojdbc driver through the gateway to two scripted listeners
 * registered as two instances of "sales".
 */
class ServiceRoutingIT {

    private final MutableClock clock = new MutableClock();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final SessionEvents events = new SessionEvents();
    private RelayEngine engine;
    private FakeTnsListener one;
    private FakeTnsListener two;

    @BeforeEach
    void start() throws Exception {
        engine = new RelayEngine(CmanOra.parse("c = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=0))"
                + "(RULE_LIST=(RULE=(SRC=127.0.0.1)(DST=127.0.0.1)(SRV=sales)(ACT=accept))))", "t").instances().get(0),
                threads, clock).addListener(events).start();
        one = new FakeTnsListener();
        two = new FakeTnsListener();
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
        one.close();
        two.close();
        threads.shutdownNow();
    }

    private void register(String instance, FakeTnsListener listener, HandlerState state) throws Exception {
        engine.registry().register(new Registration("sales", instance, "127.0.0.1", List.of(new Handler("DEDICATED",
                Address.tcp("127.0.0.1", listener.port()), ServerType.DEDICATED, 0, 100, state)),
                Duration.ofSeconds(30)), InetAddress.getLoopbackAddress());
    }

    private String byService() {
        return "(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=127.0.0.1)(PORT=" + engine.listenAddresses().get(0).getPort()
                + "))(CONNECT_DATA=(SERVICE_NAME=sales)))";
    }

    private SQLException connectFails() {
        Properties p = new Properties();
        p.setProperty("user", "scott");
        p.setProperty("password", "tiger");
        p.setProperty("oracle.net.CONNECT_TIMEOUT", "15000");
        return assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:oracle:thin:@" + byService(), p).close());
    }

    @Test
    void connectionsSpreadOverTheInstancesByLoad() throws Exception {
        for (int i = 0; i < 2; i++) {
            one.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Hold());
            two.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Hold());
        }
        register("sales1", one, HandlerState.READY);
        register("sales2", two, HandlerState.READY);
        List<CompletableFuture<Void>> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            held.add(CompletableFuture.runAsync(() -> {
                Properties p = new Properties();
                p.setProperty("user", "scott");
                p.setProperty("password", "tiger");
                try {
                    DriverManager.getConnection("jdbc:oracle:thin:@" + byService(), p).close();
                } catch (SQLException cutByTheTest) {
                    // ends when the test closes the sessions
                }
            }, threads));
            awaitEstablished(i + 1); // one at a time, so each choice sees the load of the ones before
        }
        assertEquals(2, one.connections(), "sessions routed to sales1");
        assertEquals(2, two.connections(), "sessions routed to sales2");
        var handlers = engine.registry().snapshot().get(0).instances();
        assertEquals(2, handlers.get(0).handlers().get(0).active());
        assertEquals(2, handlers.get(1).handlers().get(0).active());
        assertEquals(4, engine.close(s -> true));
        CompletableFuture.allOf(held.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }

    @Test
    void aBlockedInstanceIsSkippedAndAllBlockedIsOra12528() throws Exception {
        two.enqueue(new FakeTnsListener.Refuse(12514)).enqueue(new FakeTnsListener.Refuse(12514));
        register("sales1", one, HandlerState.BLOCKED);
        register("sales2", two, HandlerState.READY);
        assertEquals(12514, connectFails().getErrorCode(), "the listener of sales2 answered");
        assertEquals(12514, connectFails().getErrorCode());
        assertEquals(0, one.connections());
        assertEquals(2, two.connections());
        register("sales2", two, HandlerState.BLOCKED);
        SQLException e = connectFails();
        assertEquals(12528, e.getErrorCode(), e.getMessage());
    }

    @Test
    void anInstanceThatStopsRefreshingExpires() throws Exception {
        one.enqueue(new FakeTnsListener.Refuse(12514));
        register("sales1", one, HandlerState.READY);
        assertEquals(12514, connectFails().getErrorCode());
        assertEquals(1, one.connections());
        clock.advance(Duration.ofSeconds(31));
        assertEquals(12514, connectFails().getErrorCode(), "the gateway's own: the service is gone");
        assertEquals(1, one.connections(), "the expired instance was not tried");
    }

    @Test
    void theHealthCheckTakesAFailingHandlerOutOfRotationAndBringsItBack() throws Exception {
        register("sales1", one, HandlerState.READY);
        register("sales2", two, HandlerState.READY);
        int port = one.port();
        one.close(); // sales1's listener is gone
        two.enqueue(new FakeTnsListener.Refuse(12514)); // sales2's listener answers the probe
        engine.checkHandlersNow();
        assertTrue(ServicesReport.format(ServiceStatus.of(engine.registry().snapshot())).contains("health:failing"));
        for (int i = 0; i < 3; i++) {
            two.enqueue(new FakeTnsListener.Refuse(12514));
            assertEquals(12514, connectFails().getErrorCode());
        }
        assertEquals(3 + 1, two.connections(), "every connect went to sales2 (plus the probe)");

        one = new FakeTnsListener(port).enqueue(new FakeTnsListener.Refuse(12514)); // back, answering probes
        two.enqueue(new FakeTnsListener.Refuse(12514));
        engine.checkHandlersNow();
        assertEquals(1, one.connections(), "the probe reached it");
        assertTrue(one.takeConnect().connectData().contains("tnsrelay-health-check"));
        assertFalse(ServicesReport.format(ServiceStatus.of(engine.registry().snapshot())).contains("health:failing"));
        register("sales2", two, HandlerState.BLOCKED); // only sales1 can take it now, if it is back in rotation
        one.enqueue(new FakeTnsListener.Refuse(12514));
        assertEquals(12514, connectFails().getErrorCode());
        assertEquals(2, one.connections(), "back in rotation: the probe, then the connect");
    }

    @Test
    void aServiceRegisteredInCmanOraIsRoutedWithoutAnyRegistration() throws Exception {
        one.enqueue(new FakeTnsListener.Refuse(12514));
        try (RelayEngine configured = new RelayEngine(CmanOra.parse("c = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcp)"
                + "(HOST=127.0.0.1)(PORT=0))(RULE_LIST=(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept)))"
                + "(SERVICE_LIST=(SERVICE=(SERVICE_NAME=hr)(INSTANCE_NAME=hr1)(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)"
                + "(PORT=" + one.port() + ")))))", "static").instances().get(0), threads, clock).start()) {
            Properties p = new Properties();
            p.setProperty("user", "scott");
            p.setProperty("password", "tiger");
            SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:oracle:thin:@"
                    + "(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=127.0.0.1)(PORT="
                    + configured.listenAddresses().get(0).getPort() + "))(CONNECT_DATA=(SERVICE_NAME=hr)))", p).close());
            assertEquals(12514, e.getErrorCode(), "the listener's own answer: " + e.getMessage());
            assertTrue(one.takeConnect().connectData().contains("(SERVICE_NAME=hr)"));
            clock.advance(Duration.ofDays(365));
            assertEquals(1, configured.registry().snapshot().size(), "a static registration never expires");
        }
    }

    @Test
    void aRegistrationFromANodeThatIsNotInvitedIsRefused() {
        RegistrationRefusedException e = assertThrows(RegistrationRefusedException.class, () -> engine.registry()
                .register(new Registration("sales", "rogue", "192.0.2.10", List.of(new Handler("DEDICATED",
                        Address.tcp("192.0.2.10", 1521), ServerType.DEDICATED, 0, 100, HandlerState.READY)),
                        Duration.ofSeconds(30)), InetAddress.getByName("192.0.2.10")));
        assertTrue(e.getMessage().contains("TNS-01182"));
        assertTrue(engine.registry().snapshot().isEmpty());
    }

    private void awaitEstablished(int n) throws InterruptedException {
        assertTrue(events.await(e -> e.established() >= n, Duration.ofSeconds(6)), "sessions established in time");
        assertEquals(n, engine.sessions(s -> s.state() == SessionState.ESTABLISHED).size());
    }
}
