package dev.tnsrelay.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.adapter.NetNamingFactory;
import dev.tnsrelay.adapter.Resolved;
import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.Slapd;
import jakarta.annotation.Resource;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import oracle.jdbc.pool.OracleDataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The adapter on a real Payara Micro, black-box. Client-side tests ({@link RunAsClient}) use the real ojdbc
 * driver from outside; in-container tests are a small application deployed beside the adapter that looks
 * descriptors up in JNDI. The listener behind the gateway is the scripted fake; the LDAP server is a real
 * slapd. Both run in the test JVM, which also writes tnsnames.ora and ldap.ora into the adapter's
 * TNS_ADMIN (the adapter reads them at each lookup).
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostedGatewayIT {

    /** The hosted gateway's port, from src/test/resources/tns_admin/cman.ora. */
    private static final int GATEWAY = 15231;
    private static final String GATEWAY_ADDRESS = "(ADDRESS=(PROTOCOL=TCP)(HOST=127.0.0.1)(PORT=" + GATEWAY + "))";

    private static FakeTnsListener db;
    private static Slapd slapd;

    @Resource(lookup = "tnsrelay/naming")
    private NetNamingFactory naming;

    @Deployment
    static WebArchive application() {
        // the test class names the client-side helpers, so they travel with it; relay-core and the
        // adapter's API come from the deployed adapter, as for any application on the server
        return ShrinkWrap.create(WebArchive.class, "naming-app.war")
                .addPackage(FakeTnsListener.class.getPackage())
                .addClass(AsAdmin.class)
                .addAsLibraries(new File(System.getProperty("ojdbc.jar")));
    }

    /** Client side, once: the fake listener, slapd, and the naming files that point at them. */
    private static synchronized FakeTnsListener db() throws Exception {
        if (db == null) {
            db = new FakeTnsListener();
            Path admin = Path.of(System.getProperty("tns.admin"));
            Path work = Files.createTempDirectory(Path.of("target"), "slapd");
            slapd = Slapd.start(work, "dc=example,dc=com", List.of(resource("ldap/oracle-net.schema", work)),
                    resource("ldap/oracle-context.ldif", work));
            Files.writeString(admin.resolve("tnsnames.ora"), "sales = (DESCRIPTION=(ADDRESS=(PROTOCOL=tcp)"
                    + "(HOST=127.0.0.1)(PORT=" + db.port() + "))(CONNECT_DATA=(SERVICE_NAME=sales)))\n");
            Files.writeString(admin.resolve("ldap.ora"), "DIRECTORY_SERVERS = (127.0.0.1:" + slapd.port() + ")\n"
                    + "DEFAULT_ADMIN_CONTEXT = \"dc=example,dc=com\"\n");
        }
        return db;
    }

    private static Path resource(String name, Path dir) throws IOException {
        Path target = dir.resolve(Path.of(name).getFileName());
        try (InputStream in = HostedGatewayIT.class.getClassLoader().getResourceAsStream(name)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (db != null) {
            db.close();
            slapd.close();
        }
    }

    private static SQLException connectFails(String descriptor) {
        Properties p = new Properties();
        p.setProperty("user", "scott");
        p.setProperty("password", "tiger");
        p.setProperty("oracle.net.CONNECT_TIMEOUT", "15000");
        return assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:oracle:thin:@" + descriptor, p).close());
    }

    private static String route(String service, String listener) {
        return "(DESCRIPTION=(SOURCE_ROUTE=YES)" + GATEWAY_ADDRESS + listener + "(CONNECT_DATA=(SERVICE_NAME="
                + service + ")))";
    }

    @Test
    @Order(1)
    @RunAsClient
    void theHostedGatewayRejectsByRule() throws Exception {
        SQLException e = connectFails(route("payroll", db().address()));
        assertEquals(12529, e.getErrorCode(), e.getMessage());
    }

    @Test
    @Order(2)
    @RunAsClient
    void aSourceRouteGetsTheListenersAnswer() throws Exception {
        db().enqueue(new FakeTnsListener.Refuse(12514));
        SQLException e = connectFails(route("sales", db().address()));
        assertEquals(12514, e.getErrorCode(), e.getMessage());
        assertTrue(db().takeConnect().connectData().contains("(SERVICE_NAME=sales)"));
        db().enqueue(new FakeTnsListener.Refuse(12514)); // for the application's DataSource, next
    }

    @Test
    @Order(3)
    void anApplicationLooksUpDescriptorsInJndiAndConnectsThroughTheGateway() throws Exception {
        Resolved alias = naming.resolve("sales");
        assertEquals("TNSNAMES", alias.method());
        assertTrue(alias.text().contains("(SERVICE_NAME=sales)"), alias.text());

        Resolved ldap = naming.resolve("crm");
        assertEquals("LDAP", ldap.method());
        assertEquals("db-sales.example.com", ldap.descriptor().descriptions().get(0).addresses().get(0).host());

        Resolved routed = naming.resolveThroughGateway("sales");
        assertTrue(routed.text().startsWith("(DESCRIPTION=(SOURCE_ROUTE=yes)(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT="
                + GATEWAY + "))"), routed.text());
        OracleDataSource ds = new OracleDataSource();
        ds.setURL(routed.jdbcUrl());
        ds.setUser("scott");
        ds.setPassword("tiger");
        SQLException e = assertThrows(SQLException.class, () -> ds.getConnection().close());
        assertEquals(12514, e.getErrorCode(), "the fake listener's answer, through the gateway: " + e.getMessage());
    }

    @Test
    @Order(4)
    @RunAsClient
    void theListenerReceivedTheApplicationsConnectFromTheGateway() throws Exception {
        String cd = db().takeConnect().connectData();
        assertTrue(cd.contains("(SOURCE_ROUTE=yes)") && cd.contains("(PORT=" + GATEWAY + ")"), cd);
    }

    @Test
    @Order(5)
    void undeployingTheAdapterEndsEveryRelayThread() throws Exception {
        // what a deployer types: asadmin undeploy --cascade=true adapter-rar (the naming pool goes with it)
        AsAdmin.run("undeploy", java.util.Map.of("DEFAULT", "adapter-rar", "cascade", "true"));
        for (int i = 0; i < 100 && relayThreads() > 0; i++) {
            Thread.sleep(50);
        }
        assertEquals(0, relayThreads());
    }

    /** Threads running a listener or gateway loop (the WorkManager's threads themselves stay, as they should). */
    private static long relayThreads() {
        return Thread.getAllStackTraces().values().stream().filter(stack -> java.util.Arrays.stream(stack)
                .anyMatch(f -> f.getClassName().startsWith("dev.tnsrelay.gateway."))).count();
    }

    @Test
    @Order(6)
    @RunAsClient
    void andClosesItsPort() {
        assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), GATEWAY).close());
    }
}
