package dev.tnsrelay.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.admin.jmx.ServiceRegistryMXBean;
import dev.tnsrelay.admin.users.Role;
import dev.tnsrelay.admin.users.Users;
import dev.tnsrelay.cli.CmctlClient;
import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.RawTnsClient;
import dev.tnsrelay.tns.PacketType;
import dev.tnsrelay.tns.RefusePacket;
import dev.tnsrelay.tns.TnsPacket;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.management.JMX;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

/**
 * Three tnsrelay servers as one: the shipped server jar started three times on loopback with Payara Micro's own
 * cluster options (TCP/IP discovery, a cluster name of this run's own), each with its own cman.ora, state folder
 * and ports, real ojdbc clients, a real browser, and the scripted listener standing for the database. One class,
 * the servers shared by its tests, in order: rules, a concurrent edit, a registration, another node's
 * connections and gateways, JNDI descriptors, then kill -9 of node 2 and its restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final Duration START_WITHIN = Duration.ofSeconds(300);
    private static final String REJECT_PAYROLL = "(RULE=(SRC=*)(DST=*)(SRV=payroll)(ACT=reject))";

    private static final List<MicroNode> nodes = new ArrayList<>();
    private static FakeTnsListener db;
    private static String password;
    /** The descriptor an application on node 1 got from JNDI (every live node's gateway). */
    private static String jndiDescriptor;

    private static MicroNode node(int n) {
        return nodes.get(n - 1);
    }

    @BeforeAll
    static void startThreeServers() throws Exception {
        Path root = Files.createDirectories(Path.of("target", "cluster")).toAbsolutePath();
        try (Stream<Path> old = Files.list(root)) {
            for (Path p : old.toList()) {
                deleteTree(p);
            }
        }
        db = new FakeTnsListener();
        Path war = root.resolve("cluster-naming.war");
        ShrinkWrap.create(WebArchive.class, "cluster-naming.war").addClass(ClusterNamingServlet.class)
                .as(ZipExporter.class).exportTo(war.toFile(), true);
        String cluster = "tnsrelay-it-" + UUID.randomUUID().toString().substring(0, 8);
        String members = "127.0.0.1:6911,127.0.0.1:6912,127.0.0.1:6913";
        String tnsnames = "sales = (DESCRIPTION=(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=" + db.port() + "))"
                + "(CONNECT_DATA=(SERVICE_NAME=sales)))\n";
        Path jar = Path.of(System.getProperty("server.jar"));
        for (int n = 1; n <= 3; n++) {
            nodes.add(new MicroNode(root, n, 6910 + n, cluster, members, jar, war, tnsnames));
        }
        for (MicroNode m : nodes) {
            m.start();
        }
        for (MicroNode m : nodes) {
            m.awaitReady(START_WITHIN);
        }
        List<Path> notes = new ArrayList<>();
        for (MicroNode m : nodes) {
            Path note = m.state().resolve(Users.INITIAL_PASSWORD_FILE);
            if (Files.exists(note)) {
                notes.add(note);
            }
        }
        assertEquals(1, notes.size(), "one first admin for the cluster, its password on the node that made it");
        password = Files.readString(notes.get(0)).strip();
    }

    @AfterAll
    static void stopServers() throws Exception {
        for (MicroNode m : nodes) {
            m.stop();
        }
        if (db != null) {
            db.close();
        }
    }

    private static void deleteTree(Path p) throws Exception {
        if (Files.isDirectory(p)) {
            try (Stream<Path> children = Files.list(p)) {
                for (Path c : children.toList()) {
                    deleteTree(c);
                }
            }
        }
        Files.delete(p);
    }

    // ---- helpers

    private static String route(MicroNode via, String service) {
        return "(DESCRIPTION=(SOURCE_ROUTE=YES)" + via.gatewayAddress() + db.address() + "(CONNECT_DATA=(SERVICE_NAME="
                + service + ")))";
    }

    /** A real ojdbc connect that fails (the scripted listener never logs in): its Oracle error. */
    private static int ojdbc(String descriptor) {
        Properties p = new Properties();
        p.setProperty("user", "scott");
        p.setProperty("password", "tiger");
        p.setProperty("oracle.net.CONNECT_TIMEOUT", "15000");
        try {
            DriverManager.getConnection("jdbc:oracle:thin:@" + descriptor, p).close();
            throw new AssertionError("connected through " + descriptor);
        } catch (SQLException e) {
            return e.getErrorCode();
        }
    }

    /** The listener's answer reached the client: the connect went through the gateway to the database. */
    private static void reachesTheDatabase(String descriptor) throws Exception {
        int before = db.connections();
        db.enqueue(new FakeTnsListener.Refuse(12514));
        assertEquals(12514, ojdbc(descriptor), descriptor);
        FakeTnsListener.Received connect = db.takeConnect();
        while (connect.connection() <= before) {
            connect = db.takeConnect();
        }
    }

    /**
     * The same through a list of gateways: the listener accepts and then closes, for a REFUSE would send ojdbc on
     * to the next gateway of the list (FAILOVER) and the answer would depend on the order it picked.
     */
    private static void reachesTheDatabaseThroughAGateway(String descriptorList) throws Exception {
        int before = db.connections();
        db.enqueue(new FakeTnsListener.Accept(319));
        int error = ojdbc(descriptorList);
        assertFalse(List.of(12514, 12519, 12529, 12541).contains(error), "refused on the way: ORA-" + error);
        FakeTnsListener.Received connect = db.takeConnect();
        while (connect.connection() <= before) {
            connect = db.takeConnect();
        }
        assertEquals(before + 1, db.connections(), "one connect reached the database");
    }

    private static AdminHttp http(MicroNode m) {
        return new AdminHttp(m.admin());
    }

    private static String basic() {
        return AdminHttp.basic("admin", password);
    }

    private static HttpResponse<String> get(MicroNode m, String path) throws Exception {
        return http(m).send("GET", path, null, "Authorization", basic());
    }

    private static String etag(HttpResponse<String> r) {
        return r.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag on " + r.uri()));
    }

    /** For what arrives with a node's next status (once a second) or its membership: a bounded wait. */
    private static void eventually(Duration limit, BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " within " + limit.toSeconds() + " s");
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private static BooleanSupplier ok(ThrowingSupplier check) {
        return () -> {
            try {
                return check.get();
            } catch (Exception e) {
                return false;
            }
        };
    }

    @FunctionalInterface
    private interface ThrowingSupplier {
        boolean get() throws Exception;
    }

    private record Cli(int status, String out, String err) {
        static Cli run(MicroNode m, String... command) throws Exception {
            List<String> args = new ArrayList<>(List.of("--url", m.admin().toString()));
            args.addAll(List.of(command));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = CmctlClient.run(args.toArray(String[]::new), Map.of("TNSRELAY_PASSWORD", password), null,
                    new BufferedReader(new StringReader("")), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Cli(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    private static long members(String showCluster) {
        return showCluster.lines().filter(l -> l.startsWith("127.0.0.1:69")).count();
    }

    private static void clusterScreen(URI admin, int members, String screenshot) throws Exception {
        try (AdminScreens s = new AdminScreens(Path.of(System.getProperty("screenshots.dir")))) {
            s.browser.get(admin.toString());
            s.until(d -> d.getCurrentUrl().endsWith("/login.html"));
            s.find("#user").sendKeys("admin");
            s.find("#password").sendKeys(password);
            s.find("#login").click();
            s.until(d -> d.findElement(By.id("status")).getText().contains("cman_cluster"));
            s.browser.get(admin + "cluster.html");
            s.until(d -> d.findElements(By.cssSelector("#members tr")).size() == members && d.findElements(
                    By.cssSelector("#members tr")).stream().allMatch(r -> r.getText().contains("RUNNING")));
            assertTrue(s.find("#summary").getText().contains(members + " of 3 configured"), s.find("#summary").getText());
            s.screenshot(screenshot);
        }
    }

    // ---- the cluster

    @Test
    @Order(1)
    void cmctlAndTheClusterScreenShowTheThreeMembers() throws Exception {
        Cli show = Cli.run(node(1), "show", "cluster");
        assertEquals(0, show.status(), show.err());
        assertEquals(3, members(show.out()), show.out());
        assertTrue(show.out().contains("3 of 3 configured") && show.out().contains(node(1).node() + " *")
                && show.out().contains("127.0.0.1:" + node(3).gateway), show.out());
        clusterScreen(node(1).admin(), 3, "cluster-01-three-members");
    }

    @Test
    @Order(2)
    void aRejectRuleAddedOverRestOnNode1RejectsTheNextOjdbcConnectOnNode3WithinASecond() throws Exception {
        reachesTheDatabase(route(node(3), "payroll")); // ojdbc warmed up; payroll goes through before the rule
        HttpResponse<String> rules = get(node(1), "api/rules");
        HttpResponse<String> added = http(node(1)).send("POST", "api/rules",
                "{\"rule\":\"" + REJECT_PAYROLL + "\",\"position\":1}", "Authorization", basic(),
                "X-Requested-By", "ClusterIT", "If-Match", etag(rules));
        assertEquals(200, added.statusCode(), added.body());
        long changed = System.nanoTime();
        int connections = db.connections();
        assertEquals(12529, ojdbc(route(node(3), "payroll")), "the next connect on node 3 is rejected");
        long tookMillis = (System.nanoTime() - changed) / 1_000_000;
        assertTrue(tookMillis < 1000, "rejected " + tookMillis + " ms after the change returned");
        assertEquals(connections, db.connections(), "a rejected connect never reaches the database");
        for (MicroNode m : nodes) {
            assertTrue(Files.readString(m.cmanOra()).contains("(RULE = (SRC = *)(DST = *)(SRV = payroll)(ACT = reject))"),
                    "in node " + m.number + "'s cman.ora");
        }

        HttpResponse<String> removed = http(node(1)).send("DELETE", "api/rules/1", null, "Authorization", basic(),
                "X-Requested-By", "ClusterIT", "If-Match", etag(added));
        assertEquals(200, removed.statusCode(), removed.body());
        reachesTheDatabase(route(node(3), "payroll"));
        assertFalse(Files.readString(node(3).cmanOra()).contains("payroll"));
        assertFalse(Files.readString(node(1).cmanOra()).contains("payroll"));
    }

    @Test
    @Order(3)
    void twoAdministratorsEditingOnTwoNodesAtOnceFromTheSameVersionOneIsRefusedAndNothingIsLost() throws Exception {
        Users.in(node(2).state(), Clock.systemUTC()).put("bob", Role.ADMIN, "bob-edits-rules-too".toCharArray());
        String bob = AdminHttp.basic("bob", "bob-edits-rules-too");
        eventually(Duration.ofSeconds(10), ok(() -> http(node(3)).send("GET", "api/status", null, "Authorization", bob)
                .statusCode() == 200), "bob, added on node 2, logs in on node 3");

        String version = etag(get(node(1), "api/rules"));
        assertEquals(version, etag(http(node(3)).send("GET", "api/rules", null, "Authorization", bob)));
        String hr = "(RULE=(SRC=*)(DST=*)(SRV=hr)(ACT=drop))";
        String crm = "(RULE=(SRC=*)(DST=*)(SRV=crm)(ACT=drop))";
        CompletableFuture<HttpResponse<String>> adminEdit = CompletableFuture.supplyAsync(() -> post(node(1), basic(),
                hr, version));
        CompletableFuture<HttpResponse<String>> bobEdit = CompletableFuture.supplyAsync(() -> post(node(3), bob, crm,
                version));
        HttpResponse<String> a = adminEdit.get(60, TimeUnit.SECONDS);
        HttpResponse<String> b = bobEdit.get(60, TimeUnit.SECONDS);
        List<Integer> statuses = Stream.of(a.statusCode(), b.statusCode()).sorted().toList();
        assertEquals(List.of(200, 409), statuses, a.body() + "\n" + b.body());
        HttpResponse<String> refused = a.statusCode() == 409 ? a : b;
        assertTrue(refused.body().contains("the rule list was changed by someone else")
                && refused.body().contains("not at version " + version.replace("\"", "")), refused.body());
        String winner = a.statusCode() == 200 ? hr : crm;
        String loser = a.statusCode() == 200 ? crm : hr;
        for (MicroNode m : nodes) {
            String list = get(m, "api/rules").body();
            assertTrue(list.contains(winner) && !list.contains(loser), "node " + m.number + ": " + list);
        }

        MicroNode loserNode = a.statusCode() == 200 ? node(3) : node(1);
        String loserAuth = a.statusCode() == 200 ? bob : basic();
        HttpResponse<String> again = post(loserNode, loserAuth, loser, etag(http(loserNode).send("GET", "api/rules",
                null, "Authorization", loserAuth)));
        assertEquals(200, again.statusCode(), again.body());
        for (MicroNode m : nodes) {
            String list = get(m, "api/rules").body();
            assertTrue(list.contains(hr) && list.contains(crm), "nothing lost on node " + m.number + ": " + list);
        }
    }

    private static HttpResponse<String> post(MicroNode m, String auth, String rule, String version) {
        try {
            return http(m).send("POST", "api/rules", "{\"rule\":\"" + rule + "\"}", "Authorization", auth,
                    "X-Requested-By", "ClusterIT", "If-Match", version);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(4)
    void aServiceRegisteredOverJmxOnNode2RoutesAConnectThatNamesOnlyTheServiceOnNode1() throws Exception {
        try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:"
                + node(2).jmx + "/jmxrmi"), Map.of(JMXConnector.CREDENTIALS, new String[] {"admin", password}))) {
            var server = jmx.getMBeanServerConnection();
            ObjectName name = server.queryNames(new ObjectName("dev.tnsrelay:type=ServiceRegistry,*"), null).iterator()
                    .next();
            JMX.newMXBeanProxy(server, name, ServiceRegistryMXBean.class).register("sales", "sales1", "dbhost",
                    "127.0.0.1", db.port(), "dedicated", 0, 100, "READY", 600);
        }
        eventually(Duration.ofSeconds(5), ok(() -> get(node(1), "api/services").body().contains("sales1")),
                "node 1 holds node 2's registration");
        reachesTheDatabase("(DESCRIPTION=" + node(1).gatewayAddress() + "(CONNECT_DATA=(SERVICE_NAME=sales)))");
    }

    @Test
    @Order(5)
    void anotherNodesConnectionsAreShownAndClosedAndItsGatewaysSuspendedFromNode1() throws Exception {
        db.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
        try (RawTnsClient held = new RawTnsClient(node(3).gateway)) {
            assertEquals(PacketType.ACCEPT, held.handshake(route(node(3), "hr")));
            db.takeConnect();
            Cli show = Cli.run(node(1), "show", "connections", "node", node(3).node());
            assertEquals(0, show.status(), show.err());
            assertTrue(show.out().contains("Node " + node(3).node()) && show.out().contains(" hr "), show.out());
            Cli close = Cli.run(node(1), "close", "connections", "node", "*", "for", "hr");
            assertEquals(0, close.status(), close.err());
            assertTrue(close.out().startsWith("1 connection(s) closed"), close.out());
            assertTrue(held.closedByPeer(), "closed on node 3, asked on node 1");
        }

        assertEquals(0, Cli.run(node(1), "suspend", "node", node(2).node()).status());
        assertTrue(get(node(2), "api/gateways").body().contains("\"state\":\"SUSPENDED\""));
        assertEquals(12519, ojdbc(route(node(2), "sales")), "a suspended node takes no new connection");
        assertEquals(0, Cli.run(node(1), "resume", "node", node(2).node()).status());
        reachesTheDatabase(route(node(2), "sales"));
        assertTrue(Files.readString(node(2).state().resolve("audit.log")).contains("user=admin action=\"suspend gateway\""
                + " outcome=\"done\""), "done on node 2 by node 2's own model");
    }

    @Test
    @Order(6)
    void anApplicationOnAnyNodeGetsADescriptorThroughEveryLiveNodeFromJndi() throws Exception {
        HttpResponse<String> r = new AdminHttp(URI.create("http://127.0.0.1:" + node(1).http + "/"))
                .send("GET", "cluster-naming/resolve?name=sales", null);
        assertEquals(200, r.statusCode(), r.body());
        jndiDescriptor = r.body();
        assertTrue(jndiDescriptor.startsWith("(DESCRIPTION_LIST=(FAILOVER=on)(LOAD_BALANCE=on)"), jndiDescriptor);
        for (MicroNode m : nodes) {
            assertTrue(jndiDescriptor.contains("(PORT=" + m.gateway + ")"), "node " + m.number + ": " + jndiDescriptor);
        }
        reachesTheDatabaseThroughAGateway(jndiDescriptor);
    }

    @Test
    @Order(7)
    void killNineOfNode2LeavesTheOthersServingWithEveryRuleAndRegistration() throws Exception {
        String rulesBefore = get(node(1), "api/rules").body();
        node(2).kill();
        for (int i = 0; i < 6; i++) { // FAILOVER and LOAD_BALANCE: a client that picks node 2 goes on to another
            reachesTheDatabaseThroughAGateway(jndiDescriptor);
        }
        eventually(Duration.ofSeconds(60), ok(() -> members(Cli.run(node(1), "show", "cluster").out()) == 2),
                "node 1 sees node 2 gone");
        Cli show = Cli.run(node(3), "show", "cluster");
        assertEquals(2, members(show.out()), show.out());
        assertFalse(show.out().contains(node(2).node()), show.out());
        clusterScreen(node(3).admin(), 2, "cluster-02-two-members");
        for (MicroNode m : List.of(node(1), node(3))) {
            assertEquals(rulesBefore, get(m, "api/rules").body(), "node " + m.number + " keeps every rule");
            assertTrue(get(m, "api/services").body().contains("sales1"), "node " + m.number + " keeps the registration");
        }
        reachesTheDatabase("(DESCRIPTION=" + node(3).gatewayAddress() + "(CONNECT_DATA=(SERVICE_NAME=sales)))");
    }

    @Test
    @Order(8)
    void node2RestartedAfterARuleChangeHasItBeforeItsGatewayListens() throws Exception {
        HttpResponse<String> added = http(node(1)).send("POST", "api/rules",
                "{\"rule\":\"(RULE=(SRC=*)(DST=*)(SRV=late)(ACT=reject))\",\"position\":1}", "Authorization", basic(),
                "X-Requested-By", "ClusterIT");
        assertEquals(200, added.statusCode(), added.body());
        assertFalse(Files.readString(node(2).cmanOra()).contains("late"), "node 2 was down: its file is behind");

        node(2).start();
        long deadline = System.nanoTime() + START_WITHIN.toNanos();
        TnsPacket first = null;
        while (first == null) {
            assertTrue(System.nanoTime() < deadline, "node 2's gateway did not listen within " + START_WITHIN);
            try (RawTnsClient c = new RawTnsClient(node(2).gateway)) {
                first = c.answer(route(node(2), "late"));
            } catch (ConnectException notListeningYet) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
        assertEquals(PacketType.REFUSE, first.type(), "the very first connect meets the cluster's rules");
        assertEquals(12529, RefusePacket.error(first));
        assertTrue(Files.readString(node(2).cmanOra()).contains("(RULE = (SRC = *)(DST = *)(SRV = late)(ACT = reject))"));
        node(2).awaitReady(START_WITHIN);
        assertEquals(get(node(1), "api/rules").body(), get(node(2), "api/rules").body());
        assertTrue(get(node(2), "api/services").body().contains("sales1"), "and the cluster's registrations");
        eventually(Duration.ofSeconds(30), ok(() -> members(Cli.run(node(1), "show", "cluster").out()) == 3),
                "three members again");
    }
}
