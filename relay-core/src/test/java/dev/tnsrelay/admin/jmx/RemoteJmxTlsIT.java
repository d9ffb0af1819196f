package dev.tnsrelay.admin.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.instance.ConnectionManager;
import dev.tnsrelay.instance.JmxMode;
import dev.tnsrelay.instance.StartupException;
import dev.tnsrelay.testing.TestCertificates;
import dev.tnsrelay.testing.TestInstance;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Map;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote JMX off loopback speaks TLS with the key of the state folder's admin wallet, and does not start without
 * one: passwords never cross the network in clear.
 */
class RemoteJmxTlsIT {

    private static final String CMAN = "cman_jmx = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=0))"
            + "(RULE_LIST=(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept))))\n";

    @TempDir
    Path dir;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void offLoopbackRemoteJmxNeedsTheAdminWalletAndThenSpeaksTls() throws Exception {
        int port = freePort();
        Path noWallet = Files.createDirectories(dir.resolve("a"));
        StartupException refused = assertThrows(StartupException.class, () -> TestInstance.start(noWallet, CMAN,
                new JmxMode.Remote("0.0.0.0", port), Clock.systemUTC()).close());
        assertTrue(refused.getMessage().contains("needs TLS") && refused.getMessage().contains("admin-wallet"),
                refused.getMessage());

        TestCertificates certs = TestCertificates.authority("jmx");
        Path withWallet = Files.createDirectories(dir.resolve("b"));
        certs.p12Wallet(withWallet.resolve("state").resolve(ConnectionManager.ADMIN_WALLET), certs.server());
        int tlsPort = freePort();
        try (TestInstance instance = TestInstance.start(withWallet, CMAN, new JmxMode.Remote("0.0.0.0", tlsPort),
                Clock.systemUTC())) {
            try (SSLSocket s = (SSLSocket) certs.context(null).getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), tlsPort)) {
                s.startHandshake();
                assertEquals("CN=localhost,O=tnsrelay tests", ((X509Certificate) s.getSession().getPeerCertificates()[0])
                        .getSubjectX500Principal().getName(), "the admin wallet's certificate");
            }
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + tlsPort + "/jmxrmi");
            assertThrows(java.io.IOException.class, () -> JMXConnectorFactory.connect(url, Map.of(
                    javax.management.remote.JMXConnector.CREDENTIALS, new String[] {"admin", "x"})).close(),
                    "a plain RMI client gets nothing");
            assertTrue(instance.manager.jmxAddress().isPresent());
        }
    }
}
