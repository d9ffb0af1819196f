package dev.tnsrelay.datasource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.testing.FakeTnsListener;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DataSource with everything it meets in a server but the server: the real adapter (its instance, resolver and
 * gateway) found through JNDI, the real Oracle driver, and scripted listeners for the databases. There is no
 * database, so no logon completes: a listener ACCEPTs the connect that the gateway relays, then closes, and the
 * driver reports the closed connection. What is checked is where each physical connection went and what it said.
 */
class NetServiceDataSourceIT {

    @TempDir
    static Path admin;
    private static HostedAdapter server;
    private static int gateway;
    /** The listener of the aliases sales and hr; of failover, the second address (the first is stopped). */
    private static FakeTnsListener db;
    private static FakeTnsListener second;
    private static int stopped;

    /** One tnsnames.ora for the class: the instance reads it at the first lookup, and again 3 s after a change. */
    @BeforeAll
    static void startTheAdapter() throws Exception {
        db = new FakeTnsListener();
        second = new FakeTnsListener();
        stopped = closedPort();
        Files.writeString(admin.resolve("sqlnet.ora"), "NAMES.DIRECTORY_PATH = (TNSNAMES, EZCONNECT)\n");
        Files.writeString(admin.resolve("tnsnames.ora"), aliases("(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=1))"));
        server = new HostedAdapter(admin);
        gateway = server.gatewayPort();
    }

    private static String aliases(String moving) {
        return alias("sales", db.address())
                + alias("failover", "(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=" + stopped + "))", second.address())
                + alias("moving", moving)
                + "hr = (DESCRIPTION=\n  (ADDRESS=(PROTOCOL=tcp)(HOST=db2)(PORT=x))(CONNECT_DATA=(SERVICE_NAME=hr)))\n";
    }

    @AfterAll
    static void stopTheAdapter() throws Exception {
        server.close();
        db.close();
        second.close();
    }

    private static String alias(String name, String... addresses) {
        return name + " = (DESCRIPTION=(ADDRESS_LIST=" + String.join("", addresses) + ")(CONNECT_DATA=(SERVICE_NAME="
                + name + ")))\n";
    }

    private static String tnsnamesOra() {
        return admin.resolve("tnsnames.ora").toAbsolutePath().normalize().toString();
    }

    private static NetServiceDataSource named(String name) throws SQLException {
        NetServiceDataSource ds = new NetServiceDataSource();
        ds.setNetServiceName(name);
        ds.setUser("scott");
        ds.setPassword("tiger");
        ds.setConnectionProperties("oracle.net.CONNECT_TIMEOUT=10000");
        return ds;
    }

    /** A physical connection: the listener ACCEPTs and closes, so the driver fails after the connect went through. */
    private static SQLException connectionEndsAfterAccept(NetServiceDataSource ds) {
        SQLException e = assertThrows(SQLException.class, () -> ds.getConnection().close());
        assertNotEquals(12154, e.getErrorCode(), "resolved and connected, then cut: " + e.getMessage());
        return e;
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aConnectionGoesThroughTheGatewayAndSaysWhichPoolItComesFrom() throws Exception {
        db.enqueue(new FakeTnsListener.Accept(319));
        NetServiceDataSource ds = named("sales");
        ds.setProgram("sales-pool");
        long before = server.gatewaySessions();

        connectionEndsAfterAccept(ds);
        String cd = db.takeConnect().connectData();
        assertTrue(cd.contains("(SOURCE_ROUTE=yes)") && cd.contains("(PORT=" + gateway + ")"), cd);
        assertTrue(cd.contains("(SERVICE_NAME=sales)"), cd);
        assertTrue(cd.contains("(CID=(PROGRAM=sales-pool)"), "what show connections shows as PROGRAM: " + cd);
        assertEquals(before + 1, server.gatewaySessions());
    }

    @Test
    void withoutAProgramThePoolIsNamedAfterItsNetServiceName() throws Exception {
        db.enqueue(new FakeTnsListener.Accept(319));
        connectionEndsAfterAccept(named("sales"));
        String cd = db.takeConnect().connectData();
        assertTrue(cd.contains("(CID=(PROGRAM=tnsrelay:sales)"), cd);
    }

    @Test
    void anEditedTnsnamesOraAppliesToTheNextPhysicalConnectionWithoutARestart() throws Exception {
        try (FakeTnsListener first = new FakeTnsListener().enqueue(new FakeTnsListener.Accept(319));
             FakeTnsListener moved = new FakeTnsListener().enqueue(new FakeTnsListener.Accept(319))) {
            NetServiceDataSource ds = named("moving");
            Files.writeString(admin.resolve("tnsnames.ora"), aliases(first.address()));
            awaitResolution("moving", "(PORT=" + first.port() + ")");
            connectionEndsAfterAccept(ds);
            assertEquals(1, first.connections());

            Files.writeString(admin.resolve("tnsnames.ora"), aliases(moved.address()));
            awaitResolution("moving", "(PORT=" + moved.port() + ")");
            connectionEndsAfterAccept(ds);
            assertTrue(moved.takeConnect().connectData().contains("(PORT=" + gateway + ")"), "through the gateway");
            assertEquals(1, first.connections(), "nothing more to the old address");
        }
    }

    /** Waits (10 s at most) until the instance's resolver has read the file: it compares file times every 3 s. */
    private static void awaitResolution(String name, String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!server.naming.resolve(name).text().contains(expected)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the instance did not read the new tnsnames.ora within 10 s");
            }
            Thread.sleep(50); // no event to wait for: the resolver compares file times when it is asked
        }
    }

    @Test
    void withTheFirstListenerStoppedTheConnectionGoesToTheSecond() throws Exception {
        second.enqueue(new FakeTnsListener.Accept(319));
        long before = server.gatewaySessions();
        connectionEndsAfterAccept(named("failover"));
        String cd = second.takeConnect().connectData();
        assertTrue(cd.contains("(SOURCE_ROUTE=yes)") && cd.contains("(PORT=" + second.port() + ")"), cd);
        assertEquals(before + 2, server.gatewaySessions(),
                "one session refused with ORA-12541 for the stopped listener, then one to the second");
    }

    @Test
    void aMisspeltNameSendsNothingAndTellsTheApplicationWhy() throws Exception {
        int received = db.connections() + second.connections();
        long before = server.gatewaySessions();

        SQLException e = assertThrows(SQLException.class, named("slaes")::getConnection);
        assertInstanceOf(SQLNonTransientConnectionException.class, e);
        assertEquals(12154, e.getErrorCode());
        assertEquals("ORA-12154: Cannot connect to database. Could not find alias slaes"
                + " (NAMES.DIRECTORY_PATH = (TNSNAMES, EZCONNECT): TNSNAMES: no alias slaes in " + tnsnamesOra()
                + "; EZCONNECT: slaes is a plain word and tnsnames.ora names the services here, so it is not taken for"
                + " a host name (//slaes or slaes:1521 means a host))", e.getMessage());
        assertEquals(received, db.connections() + second.connections(), "nothing reached a listener");
        assertEquals(before, server.gatewaySessions(), "nothing reached the gateway");
    }

    @Test
    void aBrokenAliasNamesItsFileAndLine() throws Exception {
        int received = db.connections();
        SQLException e = assertThrows(SQLException.class, named("hr")::getConnection);
        assertTrue(e.getMessage().startsWith("ORA-12154: Cannot connect to database. Alias hr is in tnsnames.ora"
                + " but cannot be used: " + tnsnamesOra() + ":5:"), e.getMessage());
        assertEquals(12154, e.getErrorCode());
        assertEquals(received, db.connections());
    }

    @Test
    void throughGatewayOffConnectsStraightToTheResolvedAddress() throws Exception {
        db.enqueue(new FakeTnsListener.Accept(319));
        NetServiceDataSource ds = named("sales");
        ds.setThroughGateway(false);
        long before = server.gatewaySessions();
        connectionEndsAfterAccept(ds);
        String cd = db.takeConnect().connectData();
        assertFalse(cd.contains("SOURCE_ROUTE") || cd.contains("(PORT=" + gateway + ")"), cd);
        assertEquals(before, server.gatewaySessions());
    }

    @Test
    void theDriversPropertiesReachTheDriver() throws Exception {
        db.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Hold());
        NetServiceDataSource ds = named("sales");
        ds.setConnectionProperties(" oracle.jdbc.ReadTimeout = 300 ;; oracle.net.CONNECT_TIMEOUT=10000;");
        SQLException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(SQLException.class, ds::getConnection), "the driver's read timeout ends it");
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        db.takeConnect();
        SQLException bad = assertThrows(SQLException.class, () -> ds.setConnectionProperties("a=1;oops"));
        assertEquals("tnsrelay: connectionProperties: 'oops' is not name=value (entries are separated by ';')",
                bad.getMessage());
    }

    @Test
    void withoutTheAdapterTheErrorSaysWhatToDeploy() throws SQLException {
        NetServiceDataSource ds = named("sales");
        ds.setNamingResource("tnsrelay/elsewhere");
        SQLException e = assertThrows(SQLException.class, ds::getConnection);
        assertTrue(e.getMessage().startsWith("tnsrelay: nothing is bound at tnsrelay/elsewhere: deploy the tnsrelay"
                + " adapter and its naming resource there"), e.getMessage());
        NetServiceDataSource unnamed = new NetServiceDataSource();
        assertEquals("tnsrelay: the DataSource has no netServiceName",
                assertThrows(SQLException.class, unnamed::getConnection).getMessage());
    }
}
