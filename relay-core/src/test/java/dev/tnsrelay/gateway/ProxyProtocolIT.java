package dev.tnsrelay.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.Gateways;
import dev.tnsrelay.testing.LogLines;
import dev.tnsrelay.testing.RawTnsClient;
import dev.tnsrelay.testing.TestCertificates;
import dev.tnsrelay.tns.PacketType;
import dev.tnsrelay.tns.RefusePacket;
import dev.tnsrelay.tns.TnsPacket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PROXY protocol with a real load balancer: Debian's HAProxy in TCP mode in front of a gateway, sending
 * {@code send-proxy-v2} and {@code send-proxy} (v1) headers from 127.0.0.5, the one address in PROXY_FROM; the
 * gateway's rules accept only 127.0.0.1. Real ojdbc through HAProxy is relayed as 127.0.0.1 (rules, the session
 * list, the log); a header from anywhere else, or a malformed one, is refused; a session relaying through HAProxy
 * keeps every byte meanwhile. One gateway and one HAProxy for the class.
 */
class ProxyProtocolIT {

    private static final String HAPROXY = "/usr/sbin/haproxy";
    private static final String FRONT = "127.0.0.5";

    private static Gateways gw;
    private static Process haproxy;
    private static Path dir;
    private static int v2Port;
    private static int v1Port;
    private static int tlsPort;
    private static TestCertificates certs;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(HAPROXY)), HAPROXY + " is missing: install Debian's haproxy"
                + " (scripts/prerequisites does); CI has it");
        dir = Files.createTempDirectory("haproxy");
        certs = TestCertificates.authority("proxy-it");
        Path wallet = certs.p12Wallet(dir.resolve("wallet"), certs.server());
        gw = Gateways.fromText("WALLET_LOCATION = (SOURCE=(METHOD=FILE)(METHOD_DATA=(DIRECTORY=" + wallet + ")))\n"
                + "SSL_CLIENT_AUTHENTICATION = FALSE\n"
                + "cman_proxy = (CONFIGURATION=(ADDRESS_LIST=(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=0))"
                + "(ADDRESS=(PROTOCOL=tcps)(HOST=127.0.0.1)(PORT=0)))"
                + "(RULE_LIST=(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept))(RULE=(SRC=*)(DST=*)(SRV=*)(ACT=reject)))"
                + "(PARAMETER_LIST=(PROXY_FROM=" + FRONT + ", 10.99.0.0/16)(INBOUND_CONNECT_TIMEOUT=3)))\n");
        v2Port = freePort();
        v1Port = freePort();
        tlsPort = freePort();
        String server = "  server gw 127.0.0.1:" + gw.port() + " source " + FRONT;
        Files.writeString(dir.resolve("haproxy.cfg"), String.join("\n",
                "global", "  maxconn 200",
                "defaults", "  mode tcp", "  timeout connect 5s", "  timeout client 120s", "  timeout server 120s",
                "frontend v2", "  bind 127.0.0.1:" + v2Port, "  default_backend gw2",
                "backend gw2", server + " send-proxy-v2",
                "frontend v1", "  bind 127.0.0.1:" + v1Port, "  default_backend gw1",
                "backend gw1", server + " send-proxy",
                "frontend tls", "  bind 127.0.0.1:" + tlsPort, "  default_backend gwtls",
                "backend gwtls", "  server gw 127.0.0.1:" + gw.tcpsPort() + " source " + FRONT + " send-proxy-v2", ""));
        haproxy = new ProcessBuilder(HAPROXY, "-db", "-f", dir.resolve("haproxy.cfg").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.out").toFile()).start();
        awaitPort(v2Port);
        awaitPort(v1Port);
        awaitPort(tlsPort);
    }

    @AfterAll
    static void stop() throws Exception {
        if (haproxy != null) {
            haproxy.destroy();
            if (!haproxy.waitFor(10, TimeUnit.SECONDS)) {
                haproxy.destroyForcibly();
            }
        }
        if (gw != null) {
            gw.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Until HAProxy answers on the port (a process gives no event to wait for); 20 s at most. */
    private static void awaitPort(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYet) {
                if (!haproxy.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("HAProxy did not listen on " + port + ": "
                            + Files.readString(dir.resolve("haproxy.out")), notYet);
                }
                Thread.sleep(50); // polling a child process's port: nothing to await
            }
        }
    }

    private static String route(int port, FakeTnsListener db) {
        return "(DESCRIPTION=(SOURCE_ROUTE=YES)(ADDRESS=(PROTOCOL=TCP)(HOST=127.0.0.1)(PORT=" + port + "))"
                + db.address() + "(CONNECT_DATA=(SERVICE_NAME=sales)))";
    }

    private static Connection ojdbc(String descriptor) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "scott");
        p.setProperty("password", "tiger");
        p.setProperty("oracle.net.CONNECT_TIMEOUT", "15000");
        p.setProperty("oracle.jdbc.ReadTimeout", "30000");
        return DriverManager.getConnection("jdbc:oracle:thin:@" + descriptor, p);
    }

    /** A socket from {@code source} (a loopback address) to {@code port} on 127.0.0.1. */
    private static Socket from(String source, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(source, 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return s;
    }

    /** Real ojdbc through HAProxy on {@code port}: held after ACCEPT, seen as 127.0.0.1, then cut. */
    private static void ojdbcIsRelayedAs127001(int port, String otherClient) throws Exception {
        try (FakeTnsListener db = new FakeTnsListener()
                .enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Hold());
             LogLines log = new LogLines("dev.tnsrelay.gateway")) {
            CompletableFuture<SQLException> client = CompletableFuture.supplyAsync(() -> {
                try (Connection c = ojdbc(route(port, db))) {
                    return null;
                } catch (SQLException cut) {
                    return cut;
                }
            });
            assertTrue(db.awaitBytesAfterAccept(20), "ojdbc speaks after ACCEPT through HAProxy and the gateway");
            List<SessionInfo> live = gw.engine.sessions(s -> s.state() == SessionState.ESTABLISHED);
            assertEquals(1, live.size(), live.toString());
            assertTrue(live.get(0).client().startsWith("127.0.0.1:"), "the header's client, not HAProxy's "
                    + FRONT + ": " + live.get(0).client());
            assertTrue(db.takeConnect().connectData().contains("(SERVICE_NAME=sales)"));

            // the rules read the header's address too: a client of HAProxy from another address is refused
            try (RawTnsClient other = new RawTnsClient(from(otherClient, port))) {
                TnsPacket answer = other.answer(route(port, db));
                assertEquals(PacketType.REFUSE, answer.type());
                assertEquals(12529, RefusePacket.error(answer));
            }
            log.await(l -> l.contains("from " + otherClient + ":") && l.contains("ORA-12529"), Duration.ofSeconds(10));
            assertEquals(1, gw.engine.close(s -> s.state() == SessionState.ESTABLISHED));
            assertTrue(client.get(30, TimeUnit.SECONDS) != null, "the session was cut by the administrator");
        }
    }

    @Test
    void ojdbcThroughHaproxySendProxyV2IsRelayedAsItsRealAddress() throws Exception {
        ojdbcIsRelayedAs127001(v2Port, "127.0.0.2");
    }

    @Test
    void ojdbcThroughHaproxySendProxyV1IsRelayedAsItsRealAddress() throws Exception {
        ojdbcIsRelayedAs127001(v1Port, "127.0.0.3");
    }

    /** A closed connection with nothing read: what a refused PROXY header gets. */
    private static void refused(Socket s, byte[] first, String cause) throws Exception {
        int closedBefore = gw.events.closed();
        try (RawTnsClient c = new RawTnsClient(s)) {
            c.out.write(first);
            c.out.flush();
            assertTrue(c.closedByPeer(), "closed: " + cause);
        }
        assertTrue(gw.events.await(e -> e.closeCauses().stream().skip(closedBefore).anyMatch(x -> x.contains(cause)),
                Duration.ofSeconds(10)), "closed because " + cause + ": " + gw.events.closeCauses());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private static byte[] v2(int versionCommand, int family, byte[] addresses) {
        byte[] h = new byte[16 + addresses.length];
        System.arraycopy(V2_SIGNATURE, 0, h, 0, 12);
        h[12] = (byte) versionCommand;
        h[13] = (byte) family;
        h[14] = (byte) (addresses.length >> 8);
        h[15] = (byte) addresses.length;
        System.arraycopy(addresses, 0, h, 16, addresses.length);
        return h;
    }

    @Test
    void badHeadersAreRefusedWhileASessionThroughHaproxyKeepsItsBytes() throws Exception {
        try (FakeTnsListener db = new FakeTnsListener()
                .enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
             RawTnsClient session = new RawTnsClient(from("127.0.0.1", v2Port))) {
            assertEquals(PacketType.ACCEPT, session.handshake(route(v2Port, db)));
            MessageDigest sent = FakeTnsListener.sha256();
            MessageDigest got = FakeTnsListener.sha256();
            int total = 3_000_000;
            CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> {
                long n = 0;
                byte[] buf = new byte[7919];
                try {
                    while (n < total) {
                        int r = session.in.read(buf);
                        if (r < 0) {
                            break;
                        }
                        got.update(buf, 0, r);
                        n += r;
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return n;
            });
            Random random = new Random(11);
            int written = 0;
            for (int round = 0; written < total; round++) {
                byte[] piece = new byte[Math.min(total - written, 1 + random.nextInt(40_000))];
                random.nextBytes(piece);
                session.out.write(piece);
                sent.update(piece);
                written += piece.length;
                if (round == 3) {
                    // a client outside PROXY_FROM sends a header, v1 or v2: refused, never read as TNS
                    refused(from("127.0.0.1", gw.port()), bytes("PROXY TCP4 10.9.9.9 127.0.0.1 4000 1521\r\n"),
                            "not in PROXY_FROM");
                    refused(from("127.0.0.2", gw.port()), v2(0x21, 0x11, new byte[12]), "not in PROXY_FROM");
                    // HAProxy's own address, with a malformed header, or none at all
                    refused(from(FRONT, gw.port()), bytes("PROXY TCP4 banana 127.0.0.1 4000 1521\r\n"),
                            "malformed PROXY protocol header");
                    refused(from(FRONT, gw.port()), v2(0x21, 0x11, new byte[3]), "malformed PROXY protocol header");
                    refused(from(FRONT, gw.port()), new byte[120], "malformed PROXY protocol header");
                }
            }
            session.out.flush();
            assertEquals(total, reader.get(120, TimeUnit.SECONDS));
            assertArrayEquals(sent.digest(), got.digest(), "every byte through HAProxy and the gateway, intact");
        }
    }

    /**
     * HAProxy in TCP mode in front of the TCPS endpoint forwards the TLS bytes unread, after its header: the header
     * is read first, then the TLS handshake; a header sent straight to the TCPS endpoint from outside PROXY_FROM is
     * refused before any TLS.
     */
    @Test
    void onATcpsEndpointTheHeaderComesBeforeTheTlsHandshake() throws Exception {
        try (FakeTnsListener db = new FakeTnsListener()
                .enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo())) {
            Socket plain = from("127.0.0.1", tlsPort);
            javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) certs.context(null).getSocketFactory()
                    .createSocket(plain, "localhost", tlsPort, true);
            try (RawTnsClient c = new RawTnsClient(tls)) {
                assertEquals(PacketType.ACCEPT, c.handshake(route(tlsPort, db)));
                List<SessionInfo> live = gw.engine.sessions(s -> s.state() == SessionState.ESTABLISHED);
                assertEquals(1, live.size(), live.toString());
                assertTrue(live.get(0).client().startsWith("127.0.0.1:"), live.get(0).client());
                assertTrue(c.echoes(100_000), "relayed under TLS after the header");
            }
        }
        refused(from("127.0.0.1", gw.tcpsPort()), bytes("PROXY TCP4 10.9.9.9 127.0.0.1 4000 1521\r\n"),
                "not in PROXY_FROM");
    }

    @Test
    void aPeerInProxyFromThatSendsNoHeaderIsClosedAtInboundConnectTimeout() throws Exception {
        int closedBefore = gw.events.closed();
        try (RawTnsClient silent = new RawTnsClient(from(FRONT, gw.port()))) {
            assertTrue(silent.closedByPeer(), "closed after INBOUND_CONNECT_TIMEOUT (3 s), within the 20 s read timeout");
        }
        assertTrue(gw.events.await(e -> e.closeCauses().stream().skip(closedBefore).anyMatch(c -> c.contains(
                "no PROXY protocol header within 3 s")), Duration.ofSeconds(10)), gw.events.closeCauses().toString());
    }

    @Test
    void aLocalHeaderKeepsTheRealPeerWhichTheRulesRefuse() throws Exception {
        try (FakeTnsListener db = new FakeTnsListener();
             RawTnsClient c = new RawTnsClient(from(FRONT, gw.port()))) {
            c.out.write(v2(0x20, 0x00, new byte[0])); // LOCAL: HAProxy's own health check
            TnsPacket answer = c.answer(route(gw.port(), db));
            assertEquals(PacketType.REFUSE, answer.type());
            assertEquals(12529, RefusePacket.error(answer), "rules saw " + FRONT + ", which they reject");
            assertTrue(db.nothingReceived());
        }
    }

    @Test
    void proxyToNextHopTellsTheNextGatewayWhoTheClientIs() throws Exception {
        // the first gateway sends v1, then v2, to a second one that trusts it and admits only 127.0.0.2
        for (String version : List.of("v1", "v2")) {
            try (FakeTnsListener db = new FakeTnsListener().enqueue(new FakeTnsListener.Refuse(12514));
                 Gateways second = Gateways.start("(RULE=(SRC=127.0.0.2)(DST=*)(SRV=*)(ACT=accept))",
                         "(PROXY_FROM=127.0.0.1)");
                 Gateways first = Gateways.start("(RULE=(SRC=*)(DST=*)(SRV=*)(ACT=accept))",
                         "(PROXY_TO_NEXT_HOP=" + version + ")");
                 RawTnsClient c = new RawTnsClient(from("127.0.0.2", first.port()))) {
                String descriptor = "(DESCRIPTION=(SOURCE_ROUTE=YES)" + first.address() + second.address()
                        + db.address() + "(CONNECT_DATA=(SERVICE_NAME=sales)))";
                TnsPacket answer = c.answer(descriptor);
                assertEquals(12514, RefusePacket.error(answer), version + ": the listener's own answer");
                db.takeConnect();
                SQLException none = assertThrows(SQLException.class, () -> ojdbc(descriptor).close());
                assertEquals(12529, none.getErrorCode(), version + ": 127.0.0.1 itself is not admitted by the second");
            }
        }
    }
}
