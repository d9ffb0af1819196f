package dev.tnsrelay.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.net.NetParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The TLS settings at the top of cman.ora as Oracle's files write them, and what is refused where. */
class TlsSettingsTest {

    private static final String INSTANCE = "c = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=0))"
            + "(RULE_LIST=(RULE=(SRC=*)(DST=*)(SRV=*)(ACT=accept))))\n";

    private static TlsProfile tls(String settings) {
        return CmanOra.parse(settings + INSTANCE, "cman.ora").instances().get(0).tls();
    }

    @Test
    void sslVersionAsOraclesClientsWriteIt() {
        for (String v : List.of("undetermined", "1.2 or 1.3", "(1.2, 1.3)", "1.2+", "TLSv1.2 or TLSv1.3")) {
            assertEquals(List.of("TLSv1.2", "TLSv1.3"), tls("SSL_VERSION = " + v + "\n").protocols(), v);
        }
        assertEquals(List.of("TLSv1.3"), tls("SSL_VERSION = TLSv1.3\n").protocols());
        NetParseException old = assertThrows(NetParseException.class, () -> tls("SSL_VERSION = 1.1 or 1.2\n"));
        assertTrue(old.detail().startsWith("SSL_VERSION: '1.1' is not offered") && old.detail().contains("RFC 8996"),
                old.detail());
        assertThrows(NetParseException.class, () -> tls("SSL_VERSION = 2.5\n"));
    }

    @Test
    void cipherSuitesTakeOraclesSslNamesAndRefuseWeakOnesAndUnknownOnes() {
        assertEquals(List.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384"),
                tls("SSL_CIPHER_SUITES = (SSL_ECDHE_RSA_WITH_AES_256_GCM_SHA384, TLS_AES_256_GCM_SHA384)\n")
                        .cipherSuites());
        NetParseException weak = assertThrows(NetParseException.class,
                () -> tls("SSL_CIPHER_SUITES = (SSL_RSA_WITH_AES_128_CBC_SHA)\n"));
        assertTrue(weak.detail().contains("forward secrecy"), weak.detail());
        NetParseException unknown = assertThrows(NetParseException.class,
                () -> tls("SSL_CIPHER_SUITES = (TLS_MADE_UP)\n"));
        assertTrue(unknown.detail().contains("TLS_MADE_UP"), unknown.detail());
        assertEquals(CipherNames.STRONG, tls("").cipherSuites(), "the strong defaults");
    }

    @Test
    void theWalletIsReadFromOraclesDescriptorFormAndATcpsAddressNeedsOne() {
        assertEquals("/etc/wallet", tls("wallet_location = (SOURCE=(METHOD=File)(METHOD_DATA=(DIRECTORY=/etc/wallet)))\n")
                .wallet().orElseThrow().toString());
        NetParseException system = assertThrows(NetParseException.class,
                () -> tls("WALLET_LOCATION = (SOURCE=(METHOD=SYSTEM))\n"));
        assertTrue(system.detail().contains("METHOD=SYSTEM is not offered"), system.detail());
        NetParseException none = assertThrows(NetParseException.class, () -> CmanOra.parse(
                "c = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcps)(HOST=127.0.0.1)(PORT=0))\n"
                        + "(RULE_LIST=(RULE=(SRC=*)(DST=*)(SRV=*)(ACT=accept))))\n", "cman.ora"));
        assertEquals(1, none.position().line());
        assertTrue(none.detail().contains("TCPS address needs a wallet"), none.detail());
        assertTrue(tls("").clientAuthentication(), "Oracle's default: TRUE");
        NetParseException typo = assertThrows(NetParseException.class, () -> tls("SSL_CLIENT_AUTHENTICATON = FALSE\n"));
        assertTrue(typo.detail().contains("SSL_CLIENT_AUTHENTICATION"), typo.detail());
    }

    @Test
    void rulesReadSrcDnAndWriteItBack() {
        var rule = CmanOra.rule("(RULE=(SRC=*)(DST=*)(SRV=*)(SRC_DN=\"CN=alice, O=Example\")(ACT=reject))", "rule");
        assertEquals("(RULE=(SRC=*)(DST=*)(SRV=*)(SRC_DN=\"CN=alice, O=Example\")(ACT=reject))", rule.text());
        assertTrue(rule.clientDn().covers(new javax.security.auth.x500.X500Principal("cn=alice,o=example")));
        assertTrue(!rule.clientDn().covers(null), "a client without a certificate is not alice");
        NetParseException bad = assertThrows(NetParseException.class,
                () -> CmanOra.rule("(RULE=(SRC=*)(DST=*)(SRV=*)(SRC_DN=\"not a dn\")(ACT=reject))", "rule"));
        assertTrue(bad.detail().startsWith("SRC_DN: "), bad.detail());
    }
}
