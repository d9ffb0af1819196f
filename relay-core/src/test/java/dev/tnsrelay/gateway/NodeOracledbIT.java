package dev.tnsrelay.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.Gateways;
import dev.tnsrelay.testing.TestCertificates;
import dev.tnsrelay.tls.WalletPassword;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * node-oracledb in Thin mode (npm package {@code oracledb}, installed by scripts/prerequisites into
 * src/test/node) over TCPS with PEM wallets on both sides: the gateway reads ewallet.pem as node-oracledb does, its
 * key encrypted and its password in the environment; the client's ewallet.pem holds its own certificate, which
 * the gateway asks for (SSL_CLIENT_AUTHENTICATION=TRUE), and the CA it trusts.
 */
class NodeOracledbIT {

    private static final Path NODE_CLIENT = Path.of("src/test/node");

    @TempDir
    Path dir;

    @Test
    void nodeOracledbThinOverTcpsWithAPemWalletReachesTheListenerThroughTheGateway() throws Exception {
        TestCertificates certs = TestCertificates.authority("node");
        Path gatewayWallet = certs.pemWallet(dir.resolve("gateway-wallet"), certs.server(), true);
        Path clientWallet = certs.pemWallet(dir.resolve("client-wallet"), certs.client("CN=node, O=tnsrelay tests"),
                true);
        try (FakeTnsListener db = new FakeTnsListener().enqueue(new FakeTnsListener.Refuse(12514));
             Gateways gw = Gateways.fromText("WALLET_LOCATION = (SOURCE=(METHOD=FILE)(METHOD_DATA=(DIRECTORY="
                     + gatewayWallet + ")))\ncman_node = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcps)(HOST=127.0.0.1)"
                     + "(PORT=0))(RULE_LIST=(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept))))\n",
                     e -> e.useEnvironment(Map.of(WalletPassword.VARIABLE, TestCertificates.PASSWORD)))) {
            String descriptor = "(DESCRIPTION=(SOURCE_ROUTE=YES)(ADDRESS=(PROTOCOL=TCPS)(HOST=localhost)(PORT="
                    + gw.tcpsPort() + "))" + db.address() + "(CONNECT_DATA=(SERVICE_NAME=sales)))";
            String answer = node(descriptor, clientWallet);
            // NJS-518 is node-oracledb's word for the listener's ORA-12514
            assertTrue(answer.contains("NJS-518") && answer.contains("not registered"),
                    "the listener's own refusal, through the gateway: " + answer);
            assertTrue(db.takeConnect().connectData().contains("(SERVICE_NAME=sales)"));
            assertTrue(gw.engine.tlsFailures().values().stream().allMatch(n -> n == 0), gw.engine.tlsFailures()
                    .toString());

            String untrusting = node(descriptor, TestCertificates.authority("other").pemWallet(dir.resolve("other"),
                    certs.client("CN=node, O=tnsrelay tests"), true));
            assertTrue(untrusting.contains("\"connected\":false") && untrusting.contains("NJS-")
                    && !untrusting.contains("NJS-518"), "a client whose wallet does not trust the gateway: " + untrusting);
            // the client gives up on the gateway's certificate; the gateway sees it hang up mid-handshake
            assertTrue(gw.events.await(e -> gw.engine.tlsFailures().values().stream().mapToLong(Long::longValue)
                    .sum() >= 1, java.time.Duration.ofSeconds(10)), gw.engine.tlsFailures().toString());
        }
    }

    /** Runs the node client once; its one line of JSON. */
    private static String node(String connectString, Path wallet) throws IOException, InterruptedException {
        if (!Files.isDirectory(NODE_CLIENT.resolve("node_modules/oracledb"))) {
            throw new AssertionError("node-oracledb is not installed in " + NODE_CLIENT.toAbsolutePath()
                    + ": run scripts/prerequisites");
        }
        ProcessBuilder b = new ProcessBuilder(List.of("node", "connect.js", connectString, wallet.toString()))
                .directory(NODE_CLIENT.toFile()).redirectErrorStream(true);
        b.environment().put("NODE_WALLET_PASSWORD", TestCertificates.PASSWORD);
        Process p = b.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("node did not finish within 60 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
