package dev.tnsrelay.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.adapter.NetNamingFactory;
import dev.tnsrelay.admin.users.Role;
import dev.tnsrelay.admin.users.Users;
import dev.tnsrelay.cli.CmctlClient;
import dev.tnsrelay.admin.jmx.RuleListMXBean;
import dev.tnsrelay.testing.RawTnsClient;
import dev.tnsrelay.tns.PacketType;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.jboss.arquillian.test.api.ArquillianResource;
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
 * TNS_ADMIN (the instance reads them at its first lookup, and again when they change).
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostedGatewayIT {

    /** The hosted gateway's port, from src/test/resources/tns_admin/cman.ora. */
    private static final int GATEWAY = 15231;
    /** Its TCPS endpoint, with the wallet the build made. */
    private static final int TCPS_GATEWAY = 15232;
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
                .deleteClass(dev.tnsrelay.testing.TestCertificates.class) // BouncyCastle is the test JVM's only
                .addClass(AsAdmin.class)
                // where the adapter and its settings are, for the redeployment test inside the server
                .addAsResource(new org.jboss.shrinkwrap.api.asset.StringAsset(System.getProperty("adapter.rar") + "\n"
                        + System.getProperty("adapter.config")), "adapter-rar.txt")
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
    @Order(2)
    @RunAsClient
    void ojdbcOverTcpsIsTerminatedByTheOpenSslProviderLoadedInTheAdaptersClassLoader() throws Exception {
        db().enqueue(new FakeTnsListener.Refuse(12514));
        Properties p = new Properties();
        p.setProperty("user", "scott");
        p.setProperty("password", "tiger");
        p.setProperty("oracle.net.CONNECT_TIMEOUT", "15000");
        p.setProperty("javax.net.ssl.trustStore", System.getProperty("client.trust"));
        p.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        p.setProperty("javax.net.ssl.trustStorePassword", "hosted-wallet");
        p.setProperty("oracle.net.ssl_server_dn_match", "true");
        String tcps = "(DESCRIPTION=(SOURCE_ROUTE=YES)(ADDRESS=(PROTOCOL=TCPS)(HOST=localhost)(PORT=" + TCPS_GATEWAY
                + "))" + db().address() + "(CONNECT_DATA=(SERVICE_NAME=sales)))";
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:oracle:thin:@" + tcps, p).close());
        assertEquals(12514, e.getErrorCode(), e.getMessage());
        assertTrue(db().takeConnect().connectData().contains("(SERVICE_NAME=sales)"));
        HttpResponse<String> status = new AdminHttp(admin()).send("GET", "api/status", null, "Authorization",
                AdminHttp.basic("admin", adminPassword()));
        assertTrue(status.body().contains("\"tlsProvider\":\"OpenSSL") && status.body().contains(
                "(ADDRESS=(PROTOCOL=tcps)(HOST=127.0.0.1)(PORT=" + TCPS_GATEWAY + "))"),
                "BoringSSL loaded inside the resource adapter: " + status.body());
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

    // ---- the operator's view (issue 16): /metrics, cmctl as DBAs type it, the dashboard, a hostile client

    @Test
    @Order(5)
    @RunAsClient
    void theServersMetricsMoveByExactlyWhatRealClientsDid() throws Exception {
        String listener = db().address();
        OperatorView.metricsMoveByExactlyWhatTheClientsDid(deployment.toURI().resolve("/metrics"), GATEWAY, db(),
                service -> route(service, listener), descriptor -> connectFails(descriptor).getErrorCode());
    }

    @Test
    @Order(6)
    @RunAsClient
    void cmctlAsDbasTypeItAgainstARealOjdbcSession() throws Exception {
        db().enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Hold());
        java.util.concurrent.CompletableFuture<SQLException> held = holdSession(route("ops", db().address()));
        db().takeConnect(); // the ojdbc client's CONNECT reached the listener through the gateway
        String url = admin().toString();
        Map<String, String> env = Map.of("TNSRELAY_PASSWORD", adminPassword());

        Cli session = Cli.run(env, "administer cman_it\nshow status\nshow connections detail for ops\nexit\n",
                "--url", url);
        assertEquals(0, session.status, session.err);
        assertTrue(session.out.contains("CMCTL> Current instance cman_it is already started\n"), session.out);
        assertTrue(session.out.contains("Instance name                cman_it\n")
                && session.out.contains("Listening on                 (ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT="
                + GATEWAY + "))\n"), session.out);
        assertTrue(session.out.contains("Service                      ops\n"), session.out);
        assertTrue(session.out.matches("(?s).*\nProgram                      [^-\n][^\n]*\n.*"), "ojdbc's PROGRAM: "
                + session.out);
        assertTrue(session.out.matches("(?s).*\nHost                         [^-\n][^\n]*\n.*"), session.out);
        assertTrue(session.out.contains("User                         " + System.getProperty("user.name") + "\n"),
                "ojdbc's USER is the client's OS user: " + session.out);

        Cli other = Cli.run(env, "administer cman_x\nshow version\nexit\n", "--url", url);
        assertTrue(other.err.startsWith("TNS-04005: Unable to resolve address for Oracle Connection Manager instance"),
                other.err);
        assertTrue(other.out.contains("CMCTL for tnsrelay: Version"), "the session goes on: " + other.out);
        Cli dashC = Cli.run(env, "", "--url", url, "show", "status", "-c", "cman_it");
        assertEquals(0, dashC.status, dashC.err);
        assertTrue(dashC.out.startsWith("Status of the Instance\n----------------------\nInstance name"), dashC.out);
        Cli wrong = Cli.run(env, "", "--url", url, "show", "status", "-c", "cman_x");
        assertEquals(1, wrong.status);
        assertTrue(wrong.err.startsWith("TNS-04005"), wrong.err);

        Path batch = Files.writeString(Path.of("target", "nightly.cmctl"), "# what a DBA's nightly check runs\n"
                + "administer cman_it\nshow gateways\nshow connections count for ops\n"
                + "show rules for 127.0.0.1 127.0.0.1 payroll\nhelp show\n");
        Cli at = Cli.run(env, "", "--url", url, "@" + batch);
        assertEquals(0, at.status, at.err);
        assertTrue(at.out.contains("Gateway ID") && at.out.contains("Number of connections: 1\n")
                && at.out.contains("rule 1 rejects: ORA-12529") && at.out.contains("defaults"), at.out);
        Path mistaken = Files.writeString(Path.of("target", "mistaken.cmctl"),
                "show version\nshow nonsense\nshow version\n");
        Cli half = Cli.run(env, "", "--url", url, "@" + mistaken);
        assertEquals(1, half.status, "a batch with a failed command says so");
        assertEquals(2, half.out.split("CMCTL for tnsrelay: Version", -1).length - 1, "and goes on: " + half.out);
        assertTrue(half.err.startsWith("TNS-04014"), half.err);

        String basic = AdminHttp.basic("admin", adminPassword());
        HttpResponse<String> rows = new AdminHttp(admin()).send("GET", "api/connections?filter=for+service+ops", null,
                "Authorization", basic);
        assertTrue(rows.body().contains("\"user\":\"" + System.getProperty("user.name") + "\"")
                && rows.body().contains("\"program\":"), rows.body());
        HttpResponse<String> check = new AdminHttp(admin()).send("GET",
                "api/rules/check?source=127.0.0.1&destination=127.0.0.1&service=sales", null, "Authorization", basic);
        assertEquals(200, check.statusCode(), check.body());
        assertTrue(check.body().contains("\"position\":2") && check.body().contains("rule 2 accepts"), check.body());

        Cli close = Cli.run(env, "", "--url", url, "close", "connections", "for", "ops", "-c", "cman_it");
        assertEquals(0, close.status, close.err);
        assertTrue(held.get(30, java.util.concurrent.TimeUnit.SECONDS) != null, "the ojdbc session was cut");
    }

    @Test
    @Order(7)
    @RunAsClient
    void theDashboardChartsALoadAndAHostileClientIsShownAsTextAndLoggedOnOneLine() throws Exception {
        String listener = db().address();
        String hostile = "(DESCRIPTION=(SOURCE_ROUTE=YES)" + GATEWAY_ADDRESS + listener + "(CONNECT_DATA=(SERVICE_NAME="
                + "sales)(CID=(PROGRAM=\"" + OperatorView.XSS + "\")(HOST=\"" + "h".repeat(3000)
                + "\")(USER=\"mallory\nforged line\"))))";
        try (AdminScreens screens = new AdminScreens(Path.of(System.getProperty("screenshots.dir")))) {
            OperatorView.dashboardAndAHostileClient(screens, admin(), adminPassword(), GATEWAY, db(),
                    service -> route(service, listener),
                    Path.of(System.getProperty("state.dir")).resolveSibling("instance-log"), () -> hostile);
        }
    }

    // ---- administration: JMX, REST, command line, screens (all against this server)

    private static final int JMX_PORT = 15299;

    @ArquillianResource
    private URL deployment;

    /**
     * The admin WAR as an administrator on this machine reaches it: by 127.0.0.1 (Arquillian's own URL names the
     * machine's address, a Host the admin doors do not answer to unless adminHosts says so).
     */
    private URI admin() throws Exception {
        return URI.create("http://127.0.0.1:" + deployment.getPort() + "/admin/");
    }

    private static String adminPassword() throws IOException {
        return Files.readString(Path.of(System.getProperty("state.dir"), "initial-admin-password")).strip();
    }

    private static boolean echoes(RawTnsClient c) throws IOException {
        return c.echoes(20_000);
    }

    @Test
    @Order(10)
    @RunAsClient
    void aRuleAddedOverRemoteJmxRejectsTheNextOjdbcConnectAndRemovingItLetsItThrough() throws Exception {
        db().enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
        try (RawTnsClient established = new RawTnsClient(GATEWAY);
             JMXConnector jmx = JMXConnectorFactory.connect(
                     new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + JMX_PORT + "/jmxrmi"),
                     Map.of(JMXConnector.CREDENTIALS, new String[] {"admin", adminPassword()}))) {
            assertEquals(PacketType.ACCEPT, established.handshake(route("sales", db().address())));
            assertTrue(db().takeConnect().connectData().contains("sales"));
            MBeanServerConnection server = jmx.getMBeanServerConnection();
            ObjectName name = server.queryNames(new ObjectName("dev.tnsrelay:type=RuleList,*"), null).iterator().next();
            RuleListMXBean rules = JMX.newMXBeanProxy(server, name, RuleListMXBean.class);

            rules.insert(1, "(RULE=(SRC=*)(DST=*)(SRV=sales)(ACT=reject))");
            int connections = db().connections();
            assertEquals(12529, connectFails(route("sales", db().address())).getErrorCode());
            assertEquals(connections, db().connections(), "a rejected connect never reaches the listener");
            assertTrue(Files.readString(Path.of(System.getProperty("tns.admin"), "cman.ora"))
                    .contains("(RULE = (SRC = *)(DST = *)(SRV = sales)(ACT = reject))"), "persisted in cman.ora");

            rules.remove(1);
            db().enqueue(new FakeTnsListener.Refuse(12514));
            assertEquals(12514, connectFails(route("sales", db().address())).getErrorCode(),
                    "through the gateway to the listener again");
            assertTrue(db().takeConnect().connectData().contains("sales"));
            assertTrue(echoes(established), "the session established before both changes was not dropped");
            assertTrue(Files.readString(Path.of(System.getProperty("state.dir"), "audit.log"))
                    .contains("user=admin action=\"rule remove 1\" outcome=\"done\""));
        }
    }

    @Test
    @Order(11)
    @RunAsClient
    void theRestApiRefusesStrangersCrossSiteRequestsAndMonitorsChanging() throws Exception {
        AdminHttp stranger = new AdminHttp(admin());
        assertEquals(401, stranger.send("GET", "api/status", null).statusCode());
        assertEquals(401, stranger.send("GET", "api/status", null, "Authorization", AdminHttp.basic("admin", "wrong-password")).statusCode());
        HttpResponse<String> page = stranger.send("GET", "index.html", null);
        assertEquals(302, page.statusCode());
        assertTrue(page.headers().firstValue("Location").orElse("").endsWith("/admin/login.html"));

        String basic = AdminHttp.basic("admin", adminPassword());
        HttpResponse<String> status = stranger.send("GET", "api/status", null, "Authorization", basic);
        assertEquals(200, status.statusCode(), status.body());
        assertTrue(status.body().contains("\"instance\":\"cman_it\""), status.body());
        String rule = "{\"rule\":\"(RULE=(SRC=*)(DST=*)(SRV=x)(ACT=drop))\"}";
        assertEquals(403, stranger.send("POST", "api/rules", rule, "Authorization", basic).statusCode(),
                "a Basic change without X-Requested-By, as a cross-site form would send it");

        AdminHttp browser = new AdminHttp(admin());
        String csrf = browser.login("admin", adminPassword());
        assertEquals(200, browser.send("GET", "api/rules", null).statusCode());
        assertEquals(403, browser.send("POST", "api/rules", rule).statusCode(), "no CSRF token");
        assertEquals(403, browser.send("POST", "api/rules", rule, "X-CSRF-Token", "guessed").statusCode());
        assertEquals(403, browser.send("POST", "api/rules", rule, "X-CSRF-Token", csrf, "Origin", "http://evil.example")
                .statusCode(), "another origin");
        HttpResponse<String> bad = browser.send("POST", "api/rules", "{\"rule\":\"(RULE=(SRC=10.*)(DST=*)(SRV=*)(ACT=accept))\"}",
                "X-CSRF-Token", csrf);
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("\"column\":7") && bad.body().contains("10.0.0.0/8"), bad.body());

        Users.in(Path.of(System.getProperty("state.dir")), java.time.Clock.systemUTC()).put("watcher", Role.MONITOR, "watching-all-day".toCharArray());
        AdminHttp monitor = new AdminHttp(admin());
        String monitorCsrf = monitor.login("watcher", "watching-all-day");
        assertEquals(200, monitor.send("GET", "api/connections", null).statusCode());
        assertEquals(403, monitor.send("POST", "api/gateways/0/suspend", null, "X-CSRF-Token", monitorCsrf).statusCode());
        String rules = new AdminHttp(admin()).send("GET", "api/rules", null, "Authorization", basic).body();
        assertTrue(!rules.contains("SRV=x") && !rules.contains("10.*") && rules.contains("\"position\":2"),
                "nothing was added by the refused requests: " + rules);
    }

    @Test
    @Order(12)
    @RunAsClient
    void theCommandLineShowsAndClosesConnections() throws Exception {
        db().enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
        try (RawTnsClient client = new RawTnsClient(GATEWAY)) {
            assertEquals(PacketType.ACCEPT, client.handshake(route("hr", db().address())));
            db().takeConnect();
            String url = admin().toString();
            Map<String, String> env = Map.of("TNSRELAY_PASSWORD", adminPassword());

            Cli show = Cli.run(env, "", "--url", url, "show", "connections", "for", "hr");
            assertEquals(0, show.status, show.err);
            assertTrue(show.out.contains(" hr ") && show.out.contains("established")
                    && show.out.contains("Number of connections: 1"), show.out);

            Cli close = Cli.run(env, "", "--url", url, "close", "connections", "for", "hr");
            assertEquals(0, close.status, close.err);
            assertTrue(close.out.startsWith("1 connection(s) closed"), close.out);
            assertTrue(client.closedByPeer());

            Cli none = Cli.run(env, "", "--url", url, "close", "connections", "for", "hr");
            assertEquals(1, none.status);
            assertEquals("TNS-04049: Specified connections do not exist", none.err.strip());

            Cli interactive = Cli.run(env, "show gateways\nshow rules\nexit\n", "--url", url);
            assertTrue(interactive.out.contains("CMCTL> ") && interactive.out.contains("Gateway ID")
                    && interactive.out.contains("(RULE=(SRC=127.0.0.1)"), interactive.out);

            Cli stranger = Cli.run(Map.of("TNSRELAY_PASSWORD", "not-the-password"), "", "--url", url, "show", "status");
            assertEquals(2, stranger.status);
            assertTrue(stranger.err.contains("TNS-12546"), stranger.err);
        }
    }

    @Test
    @Order(13)
    @RunAsClient
    void theCommandLineReachesTheHttpsDoorTrustingTheServersCertificateWithCacert() throws Exception {
        Map<String, String> env = Map.of("TNSRELAY_PASSWORD", adminPassword());
        String https = "https://localhost:15243/admin";
        Cli status = Cli.run(env, "", "--url", https, "--cacert", System.getProperty("gateway.certificate"), "show",
                "status");
        assertEquals(0, status.status, status.err);
        assertTrue(status.out.contains("TLS provider") && status.out.contains("OpenSSL")
                && status.out.contains("Gateway certificate"), status.out);
        Cli untrusted = Cli.run(env, "", "--url", https, "show", "status");
        assertEquals(2, untrusted.status, "the JDK's CAs do not know the server's own certificate");
    }

    @Test
    @Order(14)
    @RunAsClient
    void aHugeLoginIsRefusedUnreadAndAnOverlongNameIsLoggedCutShortOnOneLine() throws Exception {
        AdminHttp stranger = new AdminHttp(admin());
        String tenMegabytes = "{\"user\":\"" + "A".repeat(10 << 20) + "\",\"password\":\"x\"}";
        assertEquals(413, stranger.send("POST", "api/login", tenMegabytes).statusCode());

        String forged = "mallory\\nuser=admin action=\\\"shutdown abort\\\" outcome=\\\"done\\\"";
        for (String user : List.of(forged, "x".repeat(100_000))) {
            HttpResponse<String> refused = stranger.send("POST", "api/login",
                    "{\"user\":\"" + user + "\",\"password\":\"whatever\"}");
            assertEquals(401, refused.statusCode(), refused.body());
        }
        List<String> audit = Files.readAllLines(Path.of(System.getProperty("state.dir"), "audit.log"));
        String escaped = audit.get(audit.size() - 2);
        String cut = audit.get(audit.size() - 1);
        assertTrue(escaped.contains(" user=mallory\\nuser=admin action=\\\"shutdown abort\\\""), escaped);
        assertTrue(cut.length() < 2_000 && cut.contains("x…(+99872 chars) action=")
                && cut.endsWith("outcome=\"failed: wrong user or password\""), cut.substring(0, Math.min(300, cut.length())));
        assertTrue(audit.stream().noneMatch(l -> l.startsWith("user=admin")), "no forged line");
        assertEquals(200, stranger.send("GET", "api/status", null, "Authorization", AdminHttp.basic("admin", adminPassword()))
                .statusCode(), "the server answers as before");
    }

    /** The command line run in this JVM, its output captured. */
    private record Cli(int status, String out, String err) {
        static Cli run(Map<String, String> env, String input, String... args) throws IOException {
            var out = new java.io.ByteArrayOutputStream();
            var err = new java.io.ByteArrayOutputStream();
            int status = CmctlClient.run(args, env, null, new java.io.BufferedReader(new java.io.StringReader(input)),
                    new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                    new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            return new Cli(status, out.toString(java.nio.charset.StandardCharsets.UTF_8),
                    err.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    @Order(13)
    @RunAsClient
    void theScreensInHeadlessChromium() throws Exception {
        FakeTnsListener listener = db();
        listener.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Hold());
        String crm = route("crm", listener.address());
        try (AdminScreens screens = new AdminScreens(Path.of(System.getProperty("screenshots.dir")))) {
            ScreensScenario.run(screens, admin(), adminPassword(), () -> holdSession(crm), listener);
        }
    }

    private static java.util.concurrent.CompletableFuture<SQLException> holdSession(String descriptor) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> connectFails(descriptor));
    }

    @Test
    @Order(15)
    @RunAsClient
    void shutdownAbortThenStartupFromCmctlAndBetweenTheTwoEveryDoorSaysStopped() throws Exception {
        AdminHttp lb = new AdminHttp(admin());
        assertEquals(200, lb.send("GET", "/health/ready", null).statusCode(), "ready while it listens");
        String url = admin().toString();
        Map<String, String> env = Map.of("TNSRELAY_PASSWORD", adminPassword());

        Cli abort = Cli.run(env, "", "--url", url, "shutdown", "abort");
        assertEquals(0, abort.status, abort.err);
        HttpResponse<String> ready = lb.send("GET", "/health/ready", null);
        assertEquals(503, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"state\":\"STOPPED\""), ready.body());
        assertEquals(200, lb.send("GET", "/health/live", null).statusCode(), "liveness stays UP");
        assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), GATEWAY).close());

        Cli status = Cli.run(env, "", "--url", url, "show", "status");
        assertEquals(0, status.status, status.err);
        assertTrue(status.out.contains("Instance state               STOPPED")
                && status.out.contains("Num of gateways started      0"), status.out);
        Cli set = Cli.run(env, "", "--url", url, "set", "idle_timeout", "30");
        assertEquals(1, set.status);
        assertTrue(set.err.startsWith("TNS-04011: Oracle Connection Manager instance not yet started"), set.err);
        try (AdminScreens screens = new AdminScreens(Path.of(System.getProperty("screenshots.dir")))) {
            ScreensScenario.stopped(screens, admin(), adminPassword());
        }

        Cli startup = Cli.run(env, "", "--url", url, "startup");
        assertEquals(0, startup.status, startup.err);
        assertTrue(startup.out.contains("Instance state               RUNNING"), startup.out);
        assertEquals(200, lb.send("GET", "/health/ready", null).statusCode(), "ready again");
        int before = db().connections();
        db().enqueue(new FakeTnsListener.Refuse(12514));
        assertEquals(12514, connectFails(route("sales", db().address())).getErrorCode(),
                "a real ojdbc client reaches the listener through the gateway again");
        FakeTnsListener.Received connect = db().takeConnect();
        while (connect.connection() <= before) { // connects of earlier tests that nobody took
            connect = db().takeConnect();
        }
        assertTrue(connect.connectData().contains("(SERVICE_NAME=sales)"), connect.connectData());
    }

    /** The status line of a plain HTTP/1.1 GET that names {@code host} in its Host header, as a rebound page does. */
    private String statusForHost(String path, String host) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), deployment.getPort())) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            return new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    java.nio.charset.StandardCharsets.ISO_8859_1)).readLine();
        }
    }

    /**
     * Issue 11, items 7 and 9, as a browser and a script meet them on the real server: a page whose name was rebound
     * to 127.0.0.1 is refused by its Host header; guesses are slowed on the screen login and on HTTP Basic alike and
     * each failure is in the audit log with its door and address; the session cookie is SameSite=Strict; what
     * answers without a login is the login page, /health and /metrics, not /openapi.
     */
    @Test
    @Order(16)
    @RunAsClient
    void rebindingPagesAreRefusedGuessesWaitAndOnlyWhatIsPublicAnswersWithoutALogin() throws Exception {
        int port = deployment.getPort();
        assertTrue(statusForHost("/admin/login.html", "evil.example:" + port).startsWith("HTTP/1.1 421"),
                "a DNS-rebinding page's Host");
        assertTrue(statusForHost("/admin/api/login", "localhost.evil.example").startsWith("HTTP/1.1 421"));
        assertTrue(statusForHost("/admin/login.html", "localhost:" + port).startsWith("HTTP/1.1 200"));
        assertTrue(statusForHost("/admin/login.html", "127.0.0.1:" + port).startsWith("HTTP/1.1 200"));
        if (!InetAddress.getByName(deployment.getHost()).isLoopbackAddress()) {
            assertTrue(statusForHost("/admin/login.html", deployment.getHost() + ":" + port).startsWith("HTTP/1.1 421"),
                    "the machine's own address is no admin host name until adminHosts says so");
        }

        AdminHttp stranger = new AdminHttp(admin());
        assertTrue(stranger.send("GET", "/openapi", null).statusCode() >= 400, "no description of the API for anyone");
        assertEquals(200, stranger.send("GET", "/health/ready", null).statusCode(), "readiness for load balancers");

        Path auditLog = Path.of(System.getProperty("state.dir"), "audit.log");
        int auditBefore = Files.readAllLines(auditLog).size(); // the state folder outlives a run without clean
        // seven wrong guesses: five free, then the waits the server names (1 s, 2 s), leaving a wait of 4 s
        for (int failed = 0; failed < 7; ) {
            HttpResponse<String> wrong = stranger.send("POST", "api/login", "{\"user\":\"guesser\",\"password\":\"guess"
                    + failed + "\"}");
            if (wrong.statusCode() == 429) {
                Thread.sleep(1000 * Long.parseLong(wrong.headers().firstValue("Retry-After").orElseThrow()));
                continue;
            }
            assertEquals(401, wrong.statusCode(), wrong.body());
            failed++;
        }
        HttpResponse<String> waiting = stranger.send("POST", "api/login", "{\"user\":\"admin\",\"password\":\""
                + adminPassword() + "\"}");
        assertEquals(429, waiting.statusCode(), "the right password waits too: " + waiting.body());
        assertTrue(waiting.body().contains("TNS-12546") && waiting.body().contains("too many failed logins"),
                waiting.body());
        long retryAfter = Long.parseLong(waiting.headers().firstValue("Retry-After").orElseThrow());
        HttpResponse<String> basic = stranger.send("GET", "api/status", null, "Authorization",
                AdminHttp.basic("admin", adminPassword()));
        assertEquals(429, basic.statusCode(), "HTTP Basic from the same address waits as well");
        Cli cmctl = Cli.run(Map.of("TNSRELAY_PASSWORD", adminPassword()), "", "--url", admin().toString(), "show", "status");
        assertEquals(2, cmctl.status, "a login error for the command line: " + cmctl.err);
        assertTrue(cmctl.err.contains("too many failed logins"), cmctl.err);
        List<String> all = Files.readAllLines(auditLog);
        List<String> audit = all.subList(auditBefore, all.size());
        assertEquals(7, audit.stream().filter(l -> l.contains("user=guesser action=\"login from 127.0.0.1 (screens)\""
                + " outcome=\"failed: wrong user or password\"")).count(), String.join("\n", audit));
        assertTrue(audit.stream().anyMatch(l -> l.contains("user=admin action=\"login from 127.0.0.1 (screens)\""
                + " outcome=\"refused unchecked")), "the first refusal while waiting");

        Thread.sleep(java.time.Duration.ofSeconds(retryAfter).toMillis()); // what the server asked the client to wait
        HttpResponse<String> in = new AdminHttp(admin()).send("POST", "api/login", "{\"user\":\"admin\",\"password\":\""
                + adminPassword() + "\"}");
        assertEquals(200, in.statusCode(), in.body());
        String cookie = in.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.toLowerCase(java.util.Locale.ROOT).contains("samesite=strict")
                && !cookie.toLowerCase(java.util.Locale.ROOT).matches(".*samesite=(lax|none).*"), cookie);
        assertEquals(401, new AdminHttp(admin()).send("GET", "api/status", null, "Authorization",
                AdminHttp.basic("watcher", "guess")).statusCode(), "a good login cleared the address's count");
    }

    /**
     * A client's 3,000-character SERVICE_NAME keeps the connections table within the window (it was 42,000 px
     * wide), cut in its column with the whole name in a tooltip; and Chromium holds the session cookie as Strict.
     */
    @Test
    @Order(17)
    @RunAsClient
    void aLongServiceNameStaysInItsColumnAndTheBrowserKeepsTheCookieStrict() throws Exception {
        String service = "s".repeat(3_000);
        db().enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Hold());
        try (RawTnsClient client = new RawTnsClient(GATEWAY);
             AdminScreens screens = new AdminScreens(Path.of(System.getProperty("screenshots.dir")))) {
            assertEquals(PacketType.ACCEPT, client.handshake(route(service, db().address())));
            LongTextScenario.run(screens, admin(), adminPassword(), service);
        }
    }

    /**
     * The IP rate limit switched on with SET over REST, one address blocked by it, listed by GET /api/blocked and
     * let in again by DELETE /api/blocked/{address}; a monitor may list but not unblock.
     */
    @Test
    @Order(18)
    @RunAsClient
    void theRestApiListsAndUnblocksAnAddressOverTheIpRate() throws Exception {
        AdminHttp browser = new AdminHttp(admin());
        String csrf = browser.login("admin", adminPassword());
        assertEquals(200, browser.send("PUT", "api/parameters/IP_RATE_INTERVAL", "{\"value\":\"600\"}",
                "X-CSRF-Token", csrf).statusCode());
        assertEquals(200, browser.send("PUT", "api/parameters/IP_RATE_COUNT", "{\"value\":\"1\"}",
                "X-CSRF-Token", csrf).statusCode());
        try {
            String blocked = "127.0.0.7"; // an address nothing else of this run connects from
            for (int i = 0; i < 2; i++) {
                Socket s = new Socket();
                s.bind(new java.net.InetSocketAddress(blocked, 0));
                s.connect(new java.net.InetSocketAddress("127.0.0.1", GATEWAY), 5000);
                try (RawTnsClient c = new RawTnsClient(s)) {
                    int error = dev.tnsrelay.tns.RefusePacket.error(c.answer(route("sales", db().address())));
                    if (i == 1) {
                        assertEquals(12530, error, "the second connect in the interval is over IP_RATE_COUNT");
                    }
                }
            }
            HttpResponse<String> list = browser.send("GET", "api/blocked", null);
            assertEquals(200, list.statusCode(), list.body());
            assertTrue(list.body().contains("\"address\":\"" + blocked + "\"")
                    && list.body().contains("\"endpoint\":\"127.0.0.1:" + GATEWAY + "\""), list.body());

            Users.in(Path.of(System.getProperty("state.dir")), java.time.Clock.systemUTC()).put("watcher", Role.MONITOR,
                    "watching-all-day".toCharArray());
            AdminHttp monitor = new AdminHttp(admin());
            String monitorCsrf = monitor.login("watcher", "watching-all-day");
            assertTrue(monitor.send("GET", "api/blocked", null).body().contains(blocked));
            assertEquals(403, monitor.send("DELETE", "api/blocked/" + blocked, null, "X-CSRF-Token", monitorCsrf)
                    .statusCode());

            HttpResponse<String> unblocked = browser.send("DELETE", "api/blocked/" + blocked, null, "X-CSRF-Token", csrf);
            assertEquals(200, unblocked.statusCode(), unblocked.body());
            assertEquals("[]", unblocked.body());
            assertEquals(400, browser.send("DELETE", "api/blocked/" + blocked, null, "X-CSRF-Token", csrf).statusCode(),
                    "not blocked any more");
        } finally {
            browser.send("PUT", "api/parameters/IP_RATE_COUNT", "{\"value\":\"0\"}", "X-CSRF-Token", csrf);
        }
    }

    @Test
    @Order(20)
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
    @Order(21)
    @RunAsClient
    void andClosesItsPort() {
        assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), GATEWAY).close());
    }

    /**
     * What a deployer does on upgrades, three times in one server: deploy the adapter again, relay over TCP and
     * TCPS, undeploy. Each new class loader loads Netty's native epoll and BoringSSL again (Netty copies each
     * native library under a name of its own per load); a library that failed to load would show here as NIO
     * threads or the JDK's TLS, and a thread left behind as a relay thread after the undeployment.
     */
    @Test
    @Order(22)
    void deployedAgainThreeTimesTheAdapterRelaysOnItsNativeLibrariesAndUndeployedLeavesNoThread() throws Exception {
        List<String> where;
        try (InputStream in = HostedGatewayIT.class.getClassLoader().getResourceAsStream("adapter-rar.txt")) {
            where = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        }
        for (int round = 1; round <= 3; round++) {
            try { // undeploy --cascade may or may not take the adapter's configuration with it
                AsAdmin.run("create-resource-adapter-config", java.util.Map.of("DEFAULT", "adapter-rar",
                        "property", where.get(1)));
            } catch (IllegalStateException alreadyThere) {
                // kept from the first deployment: the same settings
            }
            AsAdmin.run("deploy", java.util.Map.of("DEFAULT", where.get(0), "name", "adapter-rar"));
            try (FakeTnsListener listener = new FakeTnsListener()) {
                listener.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo())
                        .enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
                String descriptor = "(DESCRIPTION=(SOURCE_ROUTE=YES)" + GATEWAY_ADDRESS + listener.address()
                        + "(CONNECT_DATA=(SERVICE_NAME=sales)))";
                try (RawTnsClient tcp = new RawTnsClient(GATEWAY)) {
                    assertEquals(PacketType.ACCEPT, tcp.handshake(descriptor), "round " + round);
                    assertTrue(tcp.echoes(2_000), "round " + round + ": relayed intact over TCP");
                }
                javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) trustingAnyCertificate().getSocketFactory()
                        .createSocket("127.0.0.1", TCPS_GATEWAY);
                tls.startHandshake();
                try (RawTnsClient tcps = new RawTnsClient(tls)) {
                    assertEquals(PacketType.ACCEPT, tcps.handshake(descriptor), "round " + round);
                    assertTrue(tcps.echoes(2_000), "round " + round + ": relayed intact over TCPS");
                }
            }
            javax.management.MBeanServer mbeans = java.lang.management.ManagementFactory.getPlatformMBeanServer();
            javax.management.ObjectName instance = mbeans.queryNames(
                    new javax.management.ObjectName("dev.tnsrelay:type=Instance,*"), null).iterator().next();
            assertTrue(String.valueOf(mbeans.getAttribute(instance, "TlsProvider")).startsWith("OpenSSL"),
                    "round " + round + ": BoringSSL loaded again, not the JDK's TLS");
            assertTrue(Thread.getAllStackTraces().values().stream().anyMatch(stack -> frames(stack, "dev.tnsrelay.gateway.")
                    && frames(stack, "io.netty.channel.epoll.")), "round " + round + ": native epoll loaded again");
            AsAdmin.run("undeploy", java.util.Map.of("DEFAULT", "adapter-rar", "cascade", "true"));
            for (int i = 0; i < 100 && relayThreads() > 0; i++) {
                Thread.sleep(50);
            }
            assertEquals(0, relayThreads(), "round " + round + ": no relay thread left");
        }
    }

    private static boolean frames(StackTraceElement[] stack, String prefix) {
        return java.util.Arrays.stream(stack).anyMatch(f -> f.getClassName().startsWith(prefix));
    }

    /** A TLS client for the redeployment test only: what it checks is that the gateway's TLS runs, not its name. */
    private static javax.net.ssl.SSLContext trustingAnyCertificate() throws Exception {
        javax.net.ssl.SSLContext c = javax.net.ssl.SSLContext.getInstance("TLS");
        c.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String auth) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String auth) {
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }}, null);
        return c;
    }
}
