package dev.tnsrelay.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.admin.cmctl.Cmctl;
import dev.tnsrelay.admin.cmctl.SessionFilter;
import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.RawTnsClient;
import dev.tnsrelay.testing.TestInstance;
import dev.tnsrelay.tns.PacketType;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cmctl's lifecycle on a whole instance: shutdown, what a stopped instance answers, and startup again. */
class LifecycleIT {

    private static final String CMAN = """
            cman_life =
              (CONFIGURATION =
                (ADDRESS = (PROTOCOL = tcp)(HOST = 127.0.0.1)(PORT = %d))
                (RULE_LIST = (RULE = (SRC = 127.0.0.1)(DST = *)(SRV = *)(ACT = accept)))
                (PARAMETER_LIST = (MIN_GATEWAY_PROCESSES = 2))
              )
            """;

    private static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String route(TestInstance gw, FakeTnsListener db, String service) {
        return "(DESCRIPTION=(SOURCE_ROUTE=YES)" + gw.address() + db.address()
                + "(CONNECT_DATA=(SERVICE_NAME=" + service + ")))";
    }

    private static int ojdbcError(String descriptor) {
        Properties p = new Properties();
        p.setProperty("user", "scott");
        p.setProperty("password", "tiger");
        p.setProperty("oracle.net.CONNECT_TIMEOUT", "10000");
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:oracle:thin:@" + descriptor, p).close());
        return e.getErrorCode();
    }

    private static void notStarted(Runnable command) {
        AdminException e = assertThrows(AdminException.class, command::run);
        assertEquals(AdminError.NOT_STARTED, e.error(), e.getMessage());
        assertTrue(e.getMessage().startsWith("TNS-04011: Oracle Connection Manager instance not yet started"),
                e.getMessage());
    }

    @Test
    void shutdownAbortThenStartupFromCmctlAndRealOjdbcSessionsWorkAgain(@TempDir Path dir) throws Exception {
        int port = freePort();
        try (TestInstance gw = TestInstance.start(dir, CMAN.formatted(port));
             FakeTnsListener db = new FakeTnsListener()) {
            Cmctl cmctl = new Cmctl(gw.admin());
            Caller alice = TestInstance.ALICE;
            db.enqueue(new FakeTnsListener.Refuse(12514));
            assertEquals(12514, ojdbcError(route(gw, db, "sales")), "through the gateway to the listener");
            db.takeConnect();
            assertTrue(gw.admin().readiness().ready());

            db.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
            try (RawTnsClient established = new RawTnsClient(port)) {
                assertEquals(PacketType.ACCEPT, established.handshake(route(gw, db, "sales")));
                assertEquals("The command completed successfully.\n", cmctl.run(alice, "shutdown abort"));
                assertTrue(established.closedByPeer(), "abort closes every session");
            }

            String status = cmctl.run(alice, "show status");
            assertTrue(status.contains("Instance state               STOPPED"), status);
            assertTrue(status.contains("Num of gateways started      0"), status);
            assertTrue(status.contains("Listening on                 (none)"), status);
            assertTrue(cmctl.run(alice, "show gateways").contains("Gateway state                STOPPED"));
            assertEquals("STOPPED", gw.admin().status(alice).state());
            Readiness down = gw.admin().readiness();
            assertFalse(down.ready());
            assertEquals("the instance is stopped", down.reason());
            assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());

            notStarted(() -> cmctl.run(alice, "set idle_timeout 30"));
            notStarted(() -> cmctl.run(alice, "reload"));
            notStarted(() -> cmctl.run(alice, "suspend gateway 0"));
            notStarted(() -> cmctl.run(alice, "resume gateway"));
            notStarted(() -> cmctl.run(alice, "close connections"));
            notStarted(() -> cmctl.run(alice, "shutdown"));
            assertTrue(Files.readString(gw.audit()).contains(
                    "user=alice action=\"reload\" outcome=\"failed: TNS-04011"), "refused commands are audited");

            gw.admin().insertRule(alice, 1, "(RULE=(SRC=*)(DST=*)(SRV=payroll)(ACT=reject))");
            String started = cmctl.run(alice, "startup");
            assertTrue(started.contains("Instance state               RUNNING"), started);
            assertTrue(started.contains("Num of gateways started      2"), started);
            assertTrue(gw.admin().readiness().ready());
            AdminException twice = assertThrows(AdminException.class, () -> cmctl.run(alice, "startup"));
            assertEquals(AdminError.ALREADY_STARTED, twice.error());

            db.enqueue(new FakeTnsListener.Refuse(12514));
            assertEquals(12514, ojdbcError(route(gw, db, "sales")), "a real client is relayed again");
            assertTrue(db.takeConnect().connectData().contains("(SERVICE_NAME=sales)"));
            assertEquals(12529, ojdbcError(route(gw, db, "payroll")), "the rule added while stopped applies");
            assertTrue(gw.admin().events(alice, 0, 100).stream().filter(e -> e.kind().equals("instance"))
                    .filter(e -> e.text().contains("started")).count() == 2, "one event log across both engines");
        }
    }

    @Test
    void shutdownNormalDrainsWhileSessionsLastAndEveryDoorSaysSo(@TempDir Path dir) throws Exception {
        int port = freePort();
        try (TestInstance gw = TestInstance.start(dir, CMAN.formatted(port));
             FakeTnsListener db = new FakeTnsListener()) {
            Caller alice = TestInstance.ALICE;
            db.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
            db.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
            try (RawTnsClient hr = new RawTnsClient(port); RawTnsClient sales = new RawTnsClient(port)) {
                assertEquals(PacketType.ACCEPT, hr.handshake(route(gw, db, "hr")));
                assertEquals(PacketType.ACCEPT, sales.handshake(route(gw, db, "sales")));
                gw.admin().shutdown(alice, false);
                assertEquals("DRAINING", gw.admin().status(alice).state());
                assertTrue(gw.admin().gateways(alice).stream().allMatch(g -> g.state().equals("DRAINING")));
                assertFalse(gw.admin().readiness().ready());
                assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close(),
                        "no new connections");
                assertTrue(hr.echoes(1000), "the sessions go on while the instance drains");
                AdminException draining = assertThrows(AdminException.class, () -> gw.admin().startup(alice));
                assertTrue(draining.getMessage().contains("draining"), draining.getMessage());
                notStarted(() -> gw.admin().set(alice, "IDLE_TIMEOUT", "5"));
                assertEquals(1, gw.admin().close(alice, SessionFilter.parse("for hr")), "close works while draining");
                assertTrue(hr.closedByPeer());
                assertTrue(sales.echoes(1000));

                gw.admin().shutdown(alice, true); // ends what is left at once, and returns when it is stopped
                assertTrue(sales.closedByPeer());
            }
            assertEquals("STOPPED", gw.admin().status(alice).state());
            gw.admin().startup(alice);
            assertEquals("RUNNING", gw.admin().status(alice).state());
        }
    }

    @Test
    void everySuspendedGatewayMakesTheInstanceNotReady(@TempDir Path dir) throws Exception {
        try (TestInstance gw = TestInstance.start(dir, CMAN.formatted(0))) {
            Caller alice = TestInstance.ALICE;
            gw.admin().suspend(alice, List.of(0));
            assertTrue(gw.admin().readiness().ready(), "gateway 1 still takes connections");
            gw.admin().suspend(alice, List.of());
            Readiness r = gw.admin().readiness();
            assertFalse(r.ready());
            assertEquals("every gateway is suspended", r.reason());
            gw.admin().resume(alice, List.of(1));
            assertTrue(gw.admin().readiness().ready());
        }
    }

    @Test
    void aMonitorLooksAndIsRefusedEveryChangeByTheModelItself(@TempDir Path dir) throws Exception {
        try (TestInstance gw = TestInstance.start(dir, CMAN.formatted(0))) {
            Caller watcher = TestInstance.WATCHER;
            Administration admin = gw.admin();
            assertEquals("RUNNING", admin.status(watcher).state());
            assertEquals(1, admin.rules(watcher).size());
            for (Executable change : List.<Executable>of(
                    () -> admin.shutdown(watcher, true), () -> admin.startup(watcher), () -> admin.reload(watcher),
                    () -> admin.set(watcher, "IDLE_TIMEOUT", "5"), () -> admin.suspend(watcher, List.of()),
                    () -> admin.resume(watcher, List.of()), () -> admin.close(watcher, ConnectionFilter.ALL),
                    () -> admin.addRule(watcher, "(RULE=(SRC=*)(DST=*)(SRV=*)(ACT=accept))"),
                    () -> admin.removeRule(watcher, 1))) {
                AdminException e = assertThrows(AdminException.class, change::run);
                assertEquals(AdminError.DENIED, e.error());
                assertTrue(e.getMessage().startsWith("TNS-12546: TNS:permission denied: watcher has the monitor role"),
                        e.getMessage());
            }
            assertEquals("RUNNING", admin.status(watcher).state(), "nothing changed");
            assertEquals(1, admin.rules(watcher).size());
            assertTrue(Files.readString(gw.audit()).contains("user=watcher action=\"shutdown abort\" outcome=\"failed:"
                    + " TNS-12546"), "refusals are audited");
        }
    }

    /** An operation that may throw; {@link Runnable} with a checked-exception-free body. */
    private interface Executable {
        void run();
    }
}
