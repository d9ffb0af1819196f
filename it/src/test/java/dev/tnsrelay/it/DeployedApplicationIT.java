package dev.tnsrelay.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.testing.FakeTnsListener;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The example application (examples/sales-app) on the server jar, as its README runs it: {@code java -jar
 * tnsrelay-server.jar --postbootcommandfile examples/sales-app/sales-pool.asadmin --deploy sales-app.war}, black
 * box, over HTTP. Its {@code jdbc/sales} pool is the server's, on NetServiceDataSource; tnsnames.ora is written
 * here, pointing at scripted listeners.
 *
 * <p>There is no database, so no Oracle logon completes and the pool never holds a physical connection: here a
 * borrow is the application's {@code getConnection()} on {@code jdbc/sales}, for which the pool asks the DataSource
 * for a physical connection, which is resolved by the instance, routed through the gateway and ACCEPTed by the
 * listener, which then closes it; the driver reports the closed connection, and the application answers 503 with
 * that. The pool's validation is off (as sales-pool.asadmin leaves it). That the pool then reuses a logged-on
 * connection cannot be shown without a database; what is shown is that it opens exactly one physical connection
 * per borrow it could not serve from idle ones, none more, each through the gateway.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployedApplicationIT {

    /** The gateway's port, from src/test/resources/apps/tns_admin/cman.ora. */
    private static final int GATEWAY = 15241;
    private static final int BORROWS = 50;
    private static final int THREADS = 8;
    private static final String ORDERS = "api/orders";

    private static final Path TNS_ADMIN = Path.of(System.getProperty("apps.tns.admin"));
    private static final Path EXAMPLE = Path.of(System.getProperty("examples.dir"), "sales-app");
    /** The clone's root, where the README's commands run. */
    private static final Path ROOT = Path.of(System.getProperty("examples.dir")).getParent();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static FakeTnsListener db;

    /** The server, as Arquillian read it from its start-up output (its host is this machine's public address). */
    @ArquillianResource
    private URL server;

    /**
     * The application: the server binds HTTP to loopback only (it/src/main/payara/preboot.asadmin), and the war's
     * context root is its file name, as for any --deploy.
     */
    private URI application() {
        return URI.create("http://127.0.0.1:" + server.getPort() + "/sales-app/");
    }

    /** The example's own war, as the reactor built it: what the README deploys. */
    @Deployment(testable = false)
    @TargetsContainer("tnsrelay-server")
    static WebArchive salesApp() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("sales.war")));
    }

    @AfterAll
    static void stopListener() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    private static String sales(String alias, int port) {
        return alias + " = (DESCRIPTION=(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=" + port + "))"
                + "(CONNECT_DATA=(SERVICE_NAME=sales.example.com)))\n";
    }

    private HttpResponse<String> get(URI uri, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> orders() throws Exception {
        return get(application().resolve(ORDERS));
    }

    /** The admin REST API of the same server, as an administrator (the first start's password). */
    private HttpResponse<String> admin(String path) throws Exception {
        String password = Files.readString(Path.of(System.getProperty("apps.state.dir"), "initial-admin-password"))
                .strip();
        return get(application().resolve("/admin/api/" + path), "Authorization", AdminHttp.basic("admin", password));
    }

    /** Sessions the gateways have taken since the start. */
    private long gatewaySessions() throws Exception {
        HttpResponse<String> r = admin("gateways");
        assertEquals(200, r.statusCode(), r.body());
        Matcher total = Pattern.compile("\"total\":(\\d+)").matcher(r.body());
        long sum = 0;
        while (total.find()) {
            sum += Long.parseLong(total.group(1));
        }
        return sum;
    }

    /**
     * Waits until the instance's answer for sales (its descriptor, or its error) contains {@code expected}: it
     * compares the naming files' times every 3 s.
     */
    private void awaitResolution(String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String seen = "";
        while (System.nanoTime() < deadline) {
            seen = admin("resolve?name=sales").body();
            if (seen.contains(expected)) {
                return;
            }
            Thread.sleep(100); // no event to wait for: the resolver looks at the files when it is asked
        }
        throw new AssertionError("the instance did not read the new tnsnames.ora within 15 s: " + seen);
    }

    private static int errorCode(String body) {
        Matcher m = Pattern.compile("\"errorCode\":(\\d+)").matcher(body);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    @Test
    @Order(1)
    void fiftyBorrowsByEightThreadsEachGoThroughTheGatewayWithSourceRoute() throws Exception {
        db = new FakeTnsListener();
        for (int i = 0; i < BORROWS; i++) {
            db.enqueue(new FakeTnsListener.Accept(319));
        }
        Files.writeString(TNS_ADMIN.resolve("tnsnames.ora"), sales("sales", db.port()));
        long before = gatewaySessions();

        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < BORROWS; i++) {
                answers.add(threads.submit(this::orders));
            }
            for (Future<HttpResponse<String>> a : answers) {
                HttpResponse<String> r = a.get(120, TimeUnit.SECONDS);
                assertEquals(503, r.statusCode(), r.body());
                assertTrue(r.body().contains("Connection could not be allocated because: "), r.body());
                assertNotEquals(12154, errorCode(r.body()), "resolved, connected, then cut: " + r.body());
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(BORROWS, db.connections(), "one physical connection per borrow, none more");
        for (int i = 0; i < BORROWS; i++) {
            String cd = db.takeConnect().connectData();
            assertTrue(cd.contains("(SOURCE_ROUTE=yes)") && cd.contains("(PORT=" + GATEWAY + ")"), cd);
            assertTrue(cd.contains("(CID=(PROGRAM=sales-pool)"), "the pool's name, for show connections: " + cd);
        }
        assertEquals(before + BORROWS, gatewaySessions(), "every one through the gateway");
    }

    @Test
    @Order(2)
    void theAliasMovedInTnsnamesOraTheNextPhysicalConnectionGoesThereWithoutARestart() throws Exception {
        try (FakeTnsListener moved = new FakeTnsListener().enqueue(new FakeTnsListener.Accept(319))) {
            int before = db.connections();
            Files.writeString(TNS_ADMIN.resolve("tnsnames.ora"), sales("sales", moved.port()));
            awaitResolution(Integer.toString(moved.port()));

            assertEquals(503, orders().statusCode());
            String cd = moved.takeConnect().connectData();
            assertTrue(cd.contains("(SOURCE_ROUTE=yes)") && cd.contains("(PORT=" + GATEWAY + ")"), cd);
            assertEquals(before, db.connections(), "nothing more to the old address");
        }
    }

    @Test
    @Order(3)
    void aMisspeltNameIsTheApplicationsExceptionAndNothingGoesOnTheNetwork() throws Exception {
        Files.writeString(TNS_ADMIN.resolve("tnsnames.ora"), sales("saels", db.port()));
        awaitResolution("Could not find alias sales");
        int before = db.connections();
        long sessions = gatewaySessions();

        HttpResponse<String> r = orders();
        assertEquals(503, r.statusCode(), r.body());
        assertEquals(12154, errorCode(r.body()), r.body());
        String tnsnames = TNS_ADMIN.resolve("tnsnames.ora").toAbsolutePath().normalize().toString();
        assertTrue(r.body().contains("\"message\":\"Error in allocating a connection. Cause: Connection could not be"
                + " allocated because: ORA-12154: Cannot connect to database. Could not find alias sales"
                + " (NAMES.DIRECTORY_PATH = (TNSNAMES, EZCONNECT): TNSNAMES: no alias sales in " + tnsnames
                + "; EZCONNECT: sales is a plain word and tnsnames.ora names the services here, so it is not taken for a"
                + " host name (//sales or sales:1521 means a host))\""), r.body());
        assertEquals(before, db.connections(), "nothing reached the listener");
        assertEquals(sessions, gatewaySessions(), "nothing reached the gateway");
    }

    /** The README's commands are the ones this class ran: the same files, options and path. */
    @Test
    @Order(4)
    void theReadmeSaysWhatThisTestRan() throws Exception {
        List<String> commands = Arrays.stream(Files.readString(EXAMPLE.resolve("README.md"))
                .split("## Build and run")[1].split("```")[1].strip().split("\n")).map(String::strip).toList();
        assertEquals("mvn -B -ntp -DskipTests package", commands.get(0), "the build CI runs (and tests)");

        List<String> run = List.of(commands.get(1).split(" +"));
        assertEquals("TNS_ADMIN=examples/sales-app/tns_admin", run.get(0));
        assertTrue(Files.isRegularFile(ROOT.resolve("examples/sales-app/tns_admin/tnsnames.ora")));
        assertEquals("bin/tnsrelay", run.get(1));
        Path postBoot = ROOT.resolve(run.get(run.indexOf("--postbootcommandfile") + 1));
        Matcher ran = Pattern.compile("--postbootcommandfile (\\S+)</property>").matcher(Files.readString(
                TNS_ADMIN.resolve("../../arquillian.xml")));
        assertTrue(ran.find() && ran.find(), "the second container's post-boot file");
        assertTrue(Files.isSameFile(postBoot, Path.of(ran.group(1))), "this class's server ran " + ran.group(1));
        Path war = ROOT.resolve(run.get(run.indexOf("--deploy") + 1));
        assertTrue(Arrays.equals(Files.readAllBytes(war), Files.readAllBytes(Path.of(System.getProperty("sales.war")))),
                "the README deploys the war this class deployed: " + war);
        assertEquals(run.size(), run.indexOf("--deploy") + 2, "nothing else: " + run);

        URI curl = URI.create(commands.get(2).replace("curl -s ", ""));
        assertEquals(application().resolve(ORDERS).getPath(), curl.getPath());
    }
}
