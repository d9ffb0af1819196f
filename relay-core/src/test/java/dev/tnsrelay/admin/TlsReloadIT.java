package dev.tnsrelay.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.admin.cmctl.CmctlLayouts;
import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.RawTnsClient;
import dev.tnsrelay.testing.TestCertificates;
import dev.tnsrelay.testing.TestInstance;
import dev.tnsrelay.tns.PacketType;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wallet replaced and RELOADed through the admin model: the next session is shown the new certificate, an
 * established one keeps relaying byte-exact on its own; show status lists the certificates and the TLS provider,
 * and a certificate that expires within 30 days is an event.
 */
class TlsReloadIT {

    @TempDir
    Path dir;

    @Test
    void aReloadedWalletServesNewSessionsWhileAnEstablishedOneKeepsItsOwn() throws Exception {
        TestCertificates certs = TestCertificates.authority("reload");
        Path wallet = certs.p12Wallet(dir.resolve("wallet"), certs.server("localhost", 365));
        String cmanOra = "WALLET_LOCATION = (SOURCE=(METHOD=FILE)(METHOD_DATA=(DIRECTORY=" + wallet + ")))\n"
                + "SSL_CLIENT_AUTHENTICATION = FALSE\n"
                + "cman_reload = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcps)(HOST=127.0.0.1)(PORT=0))"
                + "(RULE_LIST=(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept))))\n";
        try (FakeTnsListener db = new FakeTnsListener().enqueue(new FakeTnsListener.Accept(319),
                new FakeTnsListener.Echo());
             TestInstance instance = TestInstance.start(Files.createDirectories(dir.resolve("admin")), cmanOra)) {
            int port = instance.port();
            SSLSocket first = tls(certs, port);
            BigInteger before = served(first);
            try (RawTnsClient established = new RawTnsClient(first)) {
                assertEquals(PacketType.ACCEPT, established.handshake("(DESCRIPTION=(SOURCE_ROUTE=YES)(ADDRESS="
                        + "(PROTOCOL=TCPS)(HOST=localhost)(PORT=" + port + "))" + db.address()
                        + "(CONNECT_DATA=(SERVICE_NAME=sales)))"));
                assertTrue(established.echoes(64 * 1024));

                TestCertificates.Identity renewed = certs.server("localhost", 10);
                certs.p12Wallet(wallet, renewed); // the files replaced in place, as an operator does
                instance.admin().reload(TestInstance.ALICE);

                try (SSLSocket next = tls(certs, port)) {
                    BigInteger after = served(next);
                    assertNotEquals(before, after);
                    assertEquals(renewed.certificate().getSerialNumber(), after, "the new wallet's certificate");
                }
                assertTrue(established.echoes(256 * 1024), "the established session relays on, byte-exact");
            }
            InstanceStatus status = instance.admin().status(TestInstance.WATCHER);
            assertTrue(status.tlsProvider().startsWith("OpenSSL"), status.tlsProvider());
            assertEquals(1, status.tcps().size());
            CertificateStatus gateway = status.certificates().get(0);
            assertEquals("gateway", gateway.role());
            assertTrue(gateway.daysLeft() >= 9 && gateway.daysLeft() <= 10, gateway.toString());
            String shown = CmctlLayouts.status(status);
            assertTrue(shown.contains("TLS provider") && shown.contains("Gateway certificate")
                    && shown.contains("CN=localhost,O=tnsrelay tests") && shown.contains("days)"), shown);
            assertTrue(instance.admin().events(TestInstance.WATCHER, 0, 100).stream().anyMatch(e ->
                    e.kind().equals("tls") && e.text().contains("expires on")), "an event 30 days before expiry");

            Files.delete(wallet.resolve("wallet.password"));
            Files.delete(wallet.resolve("ewallet.p12"));
            var refused = assertThrows(RuntimeException.class, () -> instance.admin().reload(TestInstance.ALICE));
            assertTrue(refused.getMessage().contains("holds no wallet"), refused.getMessage());
            try (SSLSocket still = tls(certs, port)) {
                assertEquals(status.certificates().get(0).subject(), ((X509Certificate) still.getSession()
                        .getPeerCertificates()[0]).getSubjectX500Principal().getName(), "a failed reload keeps the wallet");
            }
        }
    }

    private static SSLSocket tls(TestCertificates certs, int port) throws Exception {
        SSLSocket s = (SSLSocket) certs.context(null).getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                port);
        s.startHandshake();
        return s;
    }

    private static BigInteger served(SSLSocket s) throws Exception {
        return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSerialNumber();
    }
}
