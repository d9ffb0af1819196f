package dev.tnsrelay.config;

import static dev.tnsrelay.testing.ParseAssertions.assertAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.Gateways;
import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * ASO_AUTHENTICATION_FILTER (and a rule's AUT): Oracle's CMAN refuses clients that do not use Oracle Net
 * authentication or encryption. A gateway can only do that honestly if the CONNECT says whether the client will;
 * the first test asks the real driver, the second shows what tnsrelay does about the answer.
 */
class AsoAuthenticationFilterIT {

    /** The NA flags (CONNECT offsets 32 and 33) ojdbc sends with these connection properties. */
    private static int naFlags(String... properties) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Properties p = new Properties();
            p.setProperty("user", "scott");
            p.setProperty("password", "tiger");
            p.setProperty("oracle.net.CONNECT_TIMEOUT", "10000");
            for (int i = 0; i < properties.length; i += 2) {
                p.setProperty(properties[i], properties[i + 1]);
            }
            CompletableFuture<Void> client = CompletableFuture.runAsync(() -> {
                try {
                    DriverManager.getConnection("jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=127.0.0.1)"
                            + "(PORT=" + listener.getLocalPort() + "))(CONNECT_DATA=(SERVICE_NAME=sales)))", p).close();
                } catch (SQLException expected) {
                    // the listener closes after reading the CONNECT
                }
            });
            try (Socket s = listener.accept()) {
                s.setSoTimeout(10_000);
                DataInputStream in = new DataInputStream(s.getInputStream());
                byte[] connect = new byte[34];
                in.readFully(connect);
                assertEquals(1, connect[4], "a CONNECT");
                return (connect[32] & 0xff) << 8 | connect[33] & 0xff;
            } finally {
                client.join();
            }
        }
    }

    @Test
    void theConnectCarriesOnlyTheClientsOwnWishNotWhatWillBeNegotiated() throws Exception {
        int requested = naFlags("oracle.net.encryption_client", "REQUESTED");
        int rejected = naFlags("oracle.net.encryption_client", "REJECTED", "oracle.net.crypto_checksum_client", "REJECTED");
        int plain = naFlags();
        int required = naFlags("oracle.net.encryption_client", "REQUIRED");
        // a client that will encrypt if the database agrees looks exactly like one that never will
        assertEquals(rejected, requested);
        assertEquals(plain, requested);
        // only a client that demands it says so (0x10, "NA required", in both bytes); a client can say so and not do it
        assertNotEquals(plain, required);
        assertEquals(0x1010, required & 0x1010);
        assertEquals(0, plain & 0x1010);
    }

    @Test
    void onIsRefusedAtLoadInAParameterAndInARuleAndAtSetWhileOffAdmitsAPlainClient() throws Exception {
        NetParseException parameter = assertThrows(NetParseException.class, () -> CmanOra.parse("""
                cman_x = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=0))
                  (RULE_LIST=(RULE=(SRC=*)(DST=*)(SRV=*)(ACT=accept)))
                  (PARAMETER_LIST=(ASO_AUTHENTICATION_FILTER=on)))
                """, "cman.ora"));
        assertAt(parameter, 3, 19, "ASO_AUTHENTICATION_FILTER: 'on' is not offered: tnsrelay cannot tell from a CONNECT"
                + " whether the client will use Oracle Net authentication or encryption: both are negotiated after ACCEPT,"
                + " between client and database");
        assertTrue(parameter.detail().contains("instead, require it at the database (SQLNET.ENCRYPTION_SERVER=required"),
                parameter.detail());
        assertTrue(parameter.detail().contains("TCPS with SSL_CLIENT_AUTHENTICATION=true"), parameter.detail());

        assertAt(assertThrows(NetParseException.class, () -> CmanOra.rule(
                "(RULE=(SRC=*)(DST=*)(SRV=*)(ACT=accept)(ACTION_LIST=(AUT=on)))", "rule")), 1, 53,
                "AUT: 'on' is not offered: tnsrelay cannot tell from a CONNECT");

        try (FakeTnsListener db = new FakeTnsListener().enqueue(new FakeTnsListener.Refuse(12514));
             Gateways gw = Gateways.start("(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept)(ACTION_LIST=(AUT=off)))",
                     "(ASO_AUTHENTICATION_FILTER=off)")) {
            IllegalArgumentException set = assertThrows(IllegalArgumentException.class,
                    () -> gw.engine.set(CmanParameter.ASO_AUTHENTICATION_FILTER, "on"));
            assertTrue(set.getMessage().startsWith("'on' is not offered: tnsrelay cannot tell"), set.getMessage());
            assertTrue(gw.engine.parameters().asMap().containsKey(CmanParameter.ASO_AUTHENTICATION_FILTER));
            assertEquals("off", gw.engine.parameters().text(CmanParameter.ASO_AUTHENTICATION_FILTER), "unchanged");

            Properties p = new Properties();
            p.setProperty("user", "scott");
            p.setProperty("password", "tiger");
            SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:oracle:thin:@"
                    + "(DESCRIPTION=(SOURCE_ROUTE=YES)" + gw.address() + db.address()
                    + "(CONNECT_DATA=(SERVICE_NAME=sales)))", p).close());
            assertEquals(12514, e.getErrorCode(), "off: the plain client reached the listener, as it asked");
            assertTrue(db.takeConnect().connectData().contains("(SERVICE_NAME=sales)"));
        }
    }
}
