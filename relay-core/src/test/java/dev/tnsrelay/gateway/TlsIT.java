package dev.tnsrelay.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.Gateways;
import dev.tnsrelay.testing.RawTnsClient;
import dev.tnsrelay.testing.TestCertificates;
import dev.tnsrelay.tls.TlsFailure;
import dev.tnsrelay.tns.PacketType;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TCPS with real clients: the real ojdbc11 driver over TLS to the gateway (a self-signed CA made by the test, the
 * server certificate CN and SAN localhost/127.0.0.1, trust given as connection properties, DN match on), to a
 * scripted listener over plain TCP and over TLS; mutual TLS with a client certificate and a rule on its DN; what
 * clients that speak the wrong protocol get, while a session beside them relays byte-exact. Two gateways serve the
 * class: one-way TLS beside TCP, and client authentication.
 */
class TlsIT {

    private static Path dir;
    private static TestCertificates certs;
    private static TestCertificates.Identity dbId;
    private static Path trustStore;
    private static Gateways oneWay;
    private static Gateways mutual;
    /** Every session snapshot the mutual gateway refused or established, with its client's DN. */
    private static final List<SessionInfo> seen = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void gateways() throws Exception {
        dir = Files.createTempDirectory("tnsrelay-tls");
        certs = TestCertificates.authority("tls-it");
        Path wallet = certs.p12Wallet(dir.resolve("wallet"), certs.server());
        dbId = certs.server();
        trustStore = certs.trustStore(dir.resolve("client-trust.p12"));
        String walletLocation = "WALLET_LOCATION = (SOURCE=(METHOD=FILE)(METHOD_DATA=(DIRECTORY=" + wallet + ")))\n";
        oneWay = Gateways.fromText(walletLocation + "SSL_CLIENT_AUTHENTICATION = FALSE\nSSL_SERVER_DN_MATCH = ON\n"
                + "cman_tls = (CONFIGURATION=(ADDRESS_LIST=(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=0))"
                + "(ADDRESS=(PROTOCOL=tcps)(HOST=127.0.0.1)(PORT=0)))"
                + "(RULE_LIST=(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept)))"
                + "(PARAMETER_LIST=(INBOUND_CONNECT_TIMEOUT=5)))\n");
        mutual = Gateways.fromText(walletLocation + "SSL_CLIENT_AUTHENTICATION = TRUE\n"
                + "cman_mtls = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcps)(HOST=127.0.0.1)(PORT=0))"
                + "(RULE_LIST=(RULE=(SRC=*)(DST=*)(SRV=*)(SRC_DN=\"CN=mallory, O=tnsrelay tests\")(ACT=reject))"
                + "(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept))))\n", e -> e.addListener(new SessionListener() {
                    @Override
                    public void refused(SessionInfo s, Refusal r) {
                        seen.add(s);
                    }
                }));
    }

    @AfterAll
    static void stop() throws Exception {
        oneWay.close();
        mutual.close();
    }

    private static Properties trusting() {
        Properties p = new Properties();
        p.setProperty("user", "scott");
        p.setProperty("password", "tiger");
        p.setProperty("oracle.net.CONNECT_TIMEOUT", "15000");
        p.setProperty("oracle.jdbc.ReadTimeout", "30000");
        p.setProperty("javax.net.ssl.trustStore", trustStore.toString());
        p.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        p.setProperty("javax.net.ssl.trustStorePassword", TestCertificates.PASSWORD);
        p.setProperty("oracle.net.ssl_server_dn_match", "true");
        return p;
    }

    private static Properties presenting(TestCertificates.Identity id) throws Exception {
        Properties p = trusting();
        Path keys = TestCertificates.keyStore(dir.resolve(id.certificate().getSerialNumber() + ".p12"), id);
        p.setProperty("javax.net.ssl.keyStore", keys.toString());
        p.setProperty("javax.net.ssl.keyStoreType", "PKCS12");
        p.setProperty("javax.net.ssl.keyStorePassword", TestCertificates.PASSWORD);
        return p;
    }

    /** A source route through the gateway's TCPS endpoint on localhost, DN match on, to the listener. */
    private static String viaTcps(int port, String listener, String security) {
        return "(DESCRIPTION=(SOURCE_ROUTE=YES)(ADDRESS=(PROTOCOL=TCPS)(HOST=localhost)(PORT=" + port + "))"
                + listener + "(CONNECT_DATA=(SERVICE_NAME=sales))(SECURITY=(SSL_SERVER_DN_MATCH=TRUE)" + security
                + "))";
    }

    private static SQLException connectFails(String descriptor, Properties p) {
        return assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:oracle:thin:@" + descriptor, p).close());
    }

    private static long failures(Gateways gw, TlsFailure.Cause cause) {
        return gw.engine.tlsFailures().get(cause.label());
    }

    @Test
    void ojdbcOverTcpsWithDnMatchReachesAListenerOnPlainTcp() throws Exception {
        try (FakeTnsListener db = new FakeTnsListener().enqueue(new FakeTnsListener.Refuse(12514))) {
            SQLException e = connectFails(viaTcps(oneWay.tcpsPort(), db.address(), ""), trusting());
            assertEquals(12514, e.getErrorCode(), "the listener's own answer, through the gateway: " + e.getMessage());
            assertTrue(db.takeConnect().connectData().contains("(SERVICE_NAME=sales)"));
        }
        SQLException untrusted = connectFails(viaTcps(oneWay.tcpsPort(), "(ADDRESS=(PROTOCOL=TCP)(HOST=127.0.0.1)"
                + "(PORT=9))", ""), withoutTrust());
        assertFalse(untrusted.getErrorCode() == 12514, "a client that does not trust the gateway's CA cannot talk");
    }

    private static Properties withoutTrust() {
        Properties p = trusting();
        p.remove("javax.net.ssl.trustStore");
        p.remove("javax.net.ssl.trustStoreType");
        p.remove("javax.net.ssl.trustStorePassword");
        return p;
    }

    @Test
    void ojdbcOverTcpsReachesATcpsListenerWithSniAndTheListenersResendWithTlsIsHandledOnItsLeg() throws Exception {
        try (FakeTnsListener db = FakeTnsListener.tls(certs.context(dbId))
                .enqueue(new FakeTnsListener.ResendTls(), new FakeTnsListener.Refuse(12514))) {
            SQLException e = connectFails(viaTcps(oneWay.tcpsPort(), db.address(), ""), trusting());
            assertEquals(12514, e.getErrorCode(), e.getMessage());
            FakeTnsListener.Received first = db.takeConnect();
            FakeTnsListener.Received again = db.takeConnect();
            assertEquals(first.connection(), again.connection(), "the same TCP connection");
            assertEquals(first.connectData(), again.connectData(), "the same CONNECT, after a fresh TLS handshake");
            assertEquals(2, db.tlsHandshakes());
            assertEquals(List.of("localhost", "localhost"), db.serverNames(), "SNI with the next hop's host name");
        }
    }

    @Test
    void aTcpsNextHopWhoseCertificateIsNotForItsHostOrNotTheDnAskedForIsOra29003AndAnUntrustedOneOra29024()
            throws Exception {
        // ojdbc sends no SECURITY to the gateway: cman.ora's SSL_SERVER_DN_MATCH=ON decides, against the host name
        try (FakeTnsListener db = FakeTnsListener.tls(certs.context(certs.serverFor("db.example.com")))) {
            SQLException e = connectFails(viaTcps(oneWay.tcpsPort(), db.address(), ""), trusting());
            assertEquals(29003, e.getErrorCode(), e.getMessage());
            assertTrue(failures(oneWay, TlsFailure.Cause.DN_MISMATCH) >= 1);
        }
        // a client that sends its descriptor's SECURITY has its SSL_SERVER_CERT_DN honoured
        try (FakeTnsListener db = FakeTnsListener.tls(certs.context(dbId)).enqueue(new FakeTnsListener.Refuse(12514));
             RawTnsClient client = new RawTnsClient(oneWay.port())) {
            var answer = client.answer("(DESCRIPTION=(SOURCE_ROUTE=YES)" + oneWay.address() + db.address()
                    + "(CONNECT_DATA=(SERVICE_NAME=sales))(SECURITY=(SSL_SERVER_CERT_DN=\"CN=someone else, O=x\")))");
            assertEquals(29003, dev.tnsrelay.tns.RefusePacket.error(answer));
        }
        try (FakeTnsListener db = FakeTnsListener.tls(certs.context(dbId)).enqueue(new FakeTnsListener.Refuse(12514));
             RawTnsClient client = new RawTnsClient(oneWay.port())) {
            var answer = client.answer("(DESCRIPTION=(SOURCE_ROUTE=YES)" + oneWay.address() + db.address()
                    + "(CONNECT_DATA=(SERVICE_NAME=sales))(SECURITY=(SSL_SERVER_CERT_DN=\"CN=localhost,O=tnsrelay tests\")))");
            assertEquals(12514, dev.tnsrelay.tns.RefusePacket.error(answer), "the DN asked for: through");
        }
        TestCertificates stranger = TestCertificates.authority("stranger");
        try (FakeTnsListener db = FakeTnsListener.tls(stranger.context(stranger.server()))) {
            SQLException e = connectFails(viaTcps(oneWay.tcpsPort(), db.address(), ""), trusting());
            assertEquals(29024, e.getErrorCode(), e.getMessage());
            assertTrue(failures(oneWay, TlsFailure.Cause.UNKNOWN_CA) >= 1);
        }
    }

    @Test
    void withClientAuthenticationNoCertificateIsRefusedATrustedOneGetsThroughAndARuleOnTheDnRejects() throws Exception {
        try (FakeTnsListener db = new FakeTnsListener().enqueue(new FakeTnsListener.Refuse(12514))) {
            long before = failures(mutual, TlsFailure.Cause.NO_CERTIFICATE);
            assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:oracle:thin:@"
                    + viaTcps(mutual.tcpsPort(), db.address(), ""), trusting()).close());
            assertTrue(mutual.events.await(ev -> failures(mutual, TlsFailure.Cause.NO_CERTIFICATE) > before,
                    Duration.ofSeconds(10)), "counted as no certificate: " + mutual.engine.tlsFailures());
            assertTrue(mutual.engine.events().since(0, 100).stream().anyMatch(ev -> ev.text().contains(
                    "no certificate")), "an event with the cause");

            TestCertificates.Identity alice = certs.client("CN=alice, O=tnsrelay tests");
            SQLException through = connectFails(viaTcps(mutual.tcpsPort(), db.address(), ""), presenting(alice));
            assertEquals(12514, through.getErrorCode(), through.getMessage());
            assertTrue(seen.stream().anyMatch(s -> s.peer().equals("CN=alice,O=tnsrelay tests")),
                    "the session shows its client's DN: " + seen);

            db.enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Hold());
            SSLSocket held = (SSLSocket) certs.context(alice).getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), mutual.tcpsPort());
            try (RawTnsClient client = new RawTnsClient(held)) {
                assertEquals(PacketType.ACCEPT, client.handshake(viaTcps(mutual.tcpsPort(), db.address(), "")));
                assertEquals(List.of("CN=alice,O=tnsrelay tests"), mutual.engine.sessions(s -> true).stream()
                        .map(SessionInfo::peer).toList(), "show connections knows the client's certificate");
            }

            TestCertificates.Identity mallory = certs.client("CN=mallory, O=tnsrelay tests");
            SQLException rejected = connectFails(viaTcps(mutual.tcpsPort(), db.address(), ""), presenting(mallory));
            assertEquals(12529, rejected.getErrorCode(), rejected.getMessage());
            assertEquals(2, db.connections(), "mallory's connect never reached the listener");

            TestCertificates stranger = TestCertificates.authority("stranger");
            assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:oracle:thin:@"
                    + viaTcps(mutual.tcpsPort(), db.address(), ""),
                    presenting(stranger.client("CN=alice, O=tnsrelay tests"))).close());
        }
    }

    @Test
    void wrongProtocolsAreClosedWithTheirCauseAndASessionBesideThemRelaysByteExact() throws Exception {
        try (FakeTnsListener db = FakeTnsListener.tls(certs.context(dbId))
                .enqueue(new FakeTnsListener.Accept(319), new FakeTnsListener.Echo());
             RawTnsClient beside = new RawTnsClient(tlsSocket(oneWay.tcpsPort(), null))) {
            assertEquals(PacketType.ACCEPT, beside.handshake(viaTcps(oneWay.tcpsPort(), db.address(), "")));
            assertTrue(beside.echoes(100_000));

            long notTls = failures(oneWay, TlsFailure.Cause.NOT_TLS);
            long tooOld = failures(oneWay, TlsFailure.Cause.PROTOCOL_TOO_OLD);
            long started = System.nanoTime();
            try (RawTnsClient plain = new RawTnsClient(oneWay.tcpsPort())) { // plain TNS to the TCPS endpoint
                for (byte[] p : dev.tnsrelay.tns.ConnectPacket.build(viaTcps(oneWay.tcpsPort(), db.address(), ""))) {
                    plain.out.write(p);
                }
                plain.out.flush();
                assertTrue(plain.closedByPeer());
            }
            assertTrue(oneWay.events.await(ev -> failures(oneWay, TlsFailure.Cause.NOT_TLS) > notTls,
                    Duration.ofSeconds(10)));

            assertThrows(javax.net.ssl.SSLException.class, () -> tlsSocket(oneWay.port(), null).close(),
                    "TLS to the TCP endpoint"); // closed by the gateway: not a TNS packet
            assertTrue(oneWay.events.await(ev -> ev.closeCauses().stream().anyMatch(c ->
                    c.contains("speaks TLS to a TCP address")), Duration.ofSeconds(10)), oneWay.events.closeCauses().toString());

            assertFalse(tls10Handshake(oneWay.tcpsPort()), "TLS 1.0 only is refused");
            assertTrue(oneWay.events.await(ev -> failures(oneWay, TlsFailure.Cause.PROTOCOL_TOO_OLD) > tooOld,
                    Duration.ofSeconds(10)), oneWay.engine.tlsFailures().toString());
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "all within the inbound timeout");

            try (RawTnsClient silent = new RawTnsClient(oneWay.tcpsPort())) {
                assertTrue(silent.closedByPeer(), "a client that never starts TLS is closed at INBOUND_CONNECT_TIMEOUT");
            }
            assertTrue(beside.echoes(100_000), "the session beside them relays on, byte-exact");
        }
    }

    /** A JDK TLS client trusting the test CA, its handshake done. */
    static Socket tlsSocket(int port, X509Certificate[] seenChain) throws Exception {
        SSLContext ctx = certs.context(null);
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(10_000);
        s.startHandshake();
        return s;
    }

    /** A TLS 1.0-only client (BoringSSL still speaks it); true if the gateway completed the handshake. */
    private static boolean tls10Handshake(int port) throws Exception {
        var group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            var ctx = SslContextBuilder.forClient().sslProvider(SslProvider.OPENSSL).protocols("TLSv1")
                    .ciphers(List.of("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA"))
                    .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
            Channel ch = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel c) {
                            c.pipeline().addLast(ctx.newHandler(c.alloc()));
                        }
                    }).connect(InetAddress.getLoopbackAddress(), port).sync().channel();
            var done = ch.pipeline().get(SslHandler.class).handshakeFuture().await();
            ch.close().sync();
            return done.isSuccess();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void sslVersionCipherSuitesAndTrustedCertificatesSayWhatIsNegotiatedAndWhoIsTrusted() throws Exception {
        TestCertificates other = TestCertificates.authority("other");
        Path otherCa = other.caPem(dir.resolve("other-ca.pem"));
        try (Gateways limited = Gateways.fromText("WALLET_LOCATION = (SOURCE=(METHOD=FILE)(METHOD_DATA=(DIRECTORY="
                + dir.resolve("wallet") + ")))\nSSL_CLIENT_AUTHENTICATION = FALSE\nSSL_VERSION = 1.2\n"
                + "SSL_CIPHER_SUITES = (SSL_ECDHE_RSA_WITH_AES_256_GCM_SHA384)\nSSL_TRUSTED_CERTIFICATES = " + otherCa
                + "\ncman_limited = (CONFIGURATION=(ADDRESS_LIST=(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=0))"
                + "(ADDRESS=(PROTOCOL=tcps)(HOST=127.0.0.1)(PORT=0)))"
                + "(RULE_LIST=(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept))))\n")) {
            try (SSLSocket s = (SSLSocket) certs.context(null).getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), limited.tcpsPort())) {
                s.startHandshake();
                assertEquals("TLSv1.2", s.getSession().getProtocol());
                assertEquals("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", s.getSession().getCipherSuite());
            }
            refused(limited, new String[] {"TLSv1.3"}, null);
            assertTrue(limited.events.await(ev -> failures(limited, TlsFailure.Cause.PROTOCOL_TOO_OLD) == 1,
                    Duration.ofSeconds(10)), limited.engine.tlsFailures().toString());
            refused(limited, new String[] {"TLSv1.2"}, new String[] {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"});
            assertTrue(limited.events.await(ev -> failures(limited, TlsFailure.Cause.NO_SHARED_CIPHER) == 1,
                    Duration.ofSeconds(10)), limited.engine.tlsFailures().toString());
            // a next hop whose CA only SSL_TRUSTED_CERTIFICATES names
            try (FakeTnsListener db = FakeTnsListener.tls(other.context(other.server()))
                    .enqueue(new FakeTnsListener.Refuse(12514));
                 RawTnsClient client = new RawTnsClient(limited.port())) {
                var answer = client.answer("(DESCRIPTION=(SOURCE_ROUTE=YES)" + limited.address() + db.address()
                        + "(CONNECT_DATA=(SERVICE_NAME=sales)))");
                assertEquals(12514, dev.tnsrelay.tns.RefusePacket.error(answer));
            }
        }
    }

    private static void refused(Gateways gw, String[] protocols, String[] ciphers) throws Exception {
        try (SSLSocket s = (SSLSocket) certs.context(null).getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), gw.tcpsPort())) {
            s.setEnabledProtocols(protocols);
            if (ciphers != null) {
                s.setEnabledCipherSuites(ciphers);
            }
            assertThrows(javax.net.ssl.SSLException.class, s::startHandshake);
        }
    }

    @Test
    void theProviderAndTheWalletsCertificatesAreKnown() {
        assertTrue(oneWay.engine.tls().provider().startsWith("OpenSSL"), oneWay.engine.tls().provider());
        var certificates = oneWay.engine.tls().certificates();
        assertEquals("gateway", certificates.get(0).role());
        assertEquals("CN=localhost,O=tnsrelay tests", certificates.get(0).subject());
        assertTrue(certificates.stream().anyMatch(c -> c.role().equals("trusted") && c.subject().contains("test CA")));
        assertArrayEquals(new Object[] {}, oneWay.engine.tls().expiringSoon(java.time.Clock.systemUTC()).toArray());
    }
}
