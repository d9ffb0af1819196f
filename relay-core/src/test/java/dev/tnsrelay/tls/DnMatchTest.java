package dev.tnsrelay.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.testing.TestCertificates;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Oracle's DN matching of a next hop's certificate: the DN asked for, else host name (SAN, CN), else service. */
class DnMatchTest {

    private static X509Certificate localhost;
    private static X509Certificate db;

    @BeforeAll
    static void certificates() throws Exception {
        TestCertificates certs = TestCertificates.authority("dn");
        localhost = certs.server().certificate();
        db = certs.serverFor("db.example.com").certificate();
    }

    @Test
    void theHostNameMatchesTheDnsOrIpNamesOrTheCn() {
        assertEquals(Optional.empty(), DnMatch.mismatch(localhost, "localhost", "", Optional.empty()));
        assertEquals(Optional.empty(), DnMatch.mismatch(localhost, "LOCALHOST", "", Optional.empty()));
        assertEquals(Optional.empty(), DnMatch.mismatch(localhost, "127.0.0.1", "", Optional.empty()));
        assertEquals(Optional.empty(), DnMatch.mismatch(db, "db.example.com", "", Optional.empty()), "the CN");
        assertTrue(DnMatch.mismatch(db, "other.example.com", "", Optional.empty()).isPresent());
        assertTrue(DnMatch.mismatch(localhost, "127.0.0.2", "", Optional.empty()).isPresent());
    }

    @Test
    void theServiceNameIsTheOtherNameOracleAccepts() {
        assertEquals(Optional.empty(), DnMatch.mismatch(db, "10.0.0.9", "db.example.com", Optional.empty()));
        String why = DnMatch.mismatch(db, "10.0.0.9", "sales", Optional.empty()).orElseThrow();
        assertTrue(why.contains("10.0.0.9") && why.contains("sales"), why);
    }

    @Test
    void sslServerCertDnMustBeTheWholeSubject() {
        assertEquals(Optional.empty(), DnMatch.mismatch(db, "x", "", Optional.of("cn=db.example.com, o=tnsrelay tests")));
        assertTrue(DnMatch.mismatch(db, "db.example.com", "", Optional.of("CN=db.example.com")).isPresent(),
                "part of the subject is not the subject");
        assertTrue(DnMatch.mismatch(db, "x", "", Optional.of("not a dn")).orElseThrow().contains("is not a DN"));
    }
}
