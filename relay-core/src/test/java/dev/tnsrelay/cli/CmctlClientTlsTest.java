package dev.tnsrelay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.tnsrelay.testing.TestCertificates;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/cmctl against an HTTPS admin door whose certificate a private CA signed: trusted with --cacert only. */
class CmctlClientTlsTest {

    @TempDir
    Path dir;

    @Test
    void cmctlTrustsTheCaGivenWithCacertAndNoOther() throws Exception {
        TestCertificates certs = TestCertificates.authority("cmctl");
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(certs.context(certs.server())));
        https.createContext("/admin/api/cmctl", exchange -> {
            byte[] body = "Instance name                cman_tls\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        https.start();
        try {
            String url = "https://localhost:" + https.getAddress().getPort() + "/admin";
            Path ca = certs.caPem(dir.resolve("ca.pem"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = CmctlClient.run(new String[] {"--url", url, "--cacert", ca.toString(), "show", "status"},
                    Map.of("TNSRELAY_PASSWORD", "x"), null, new BufferedReader(new StringReader("")),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("cman_tls"));

            ByteArrayOutputStream refused = new ByteArrayOutputStream();
            int untrusted = CmctlClient.run(new String[] {"--url", url, "show", "status"}, Map.of("TNSRELAY_PASSWORD",
                    "x"), null, new BufferedReader(new StringReader("")), new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(refused, true, StandardCharsets.UTF_8));
            assertEquals(2, untrusted, "the JDK's CAs do not know the private one");
            assertTrue(refused.toString(StandardCharsets.UTF_8).contains("cannot reach"), refused.toString());
        } finally {
            https.stop(0);
        }
    }
}
