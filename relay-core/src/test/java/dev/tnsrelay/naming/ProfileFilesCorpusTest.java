package dev.tnsrelay.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.testing.Shared;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sqlnet.ora and ldap.ora in shared/corpora/sqlnet. */
class ProfileFilesCorpusTest {

    static Stream<Path> sqlnetFiles() {
        return Shared.files("sqlnet").stream().filter(p -> p.getFileName().toString().contains("sqlnet.ora"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sqlnetFiles")
    void everySqlnetOraLoads(Path file) {
        SqlnetOra sqlnet = SqlnetOra.load(file);
        assertTrue(!sqlnet.directoryPath().isEmpty());
    }

    private static Path sqlnet(String name) {
        return Shared.corpus("sqlnet").resolve(name);
    }

    @Test
    void directoryPathAndDefaultDomain() {
        assertEquals(List.of(NamingMethod.TNSNAMES, NamingMethod.EZCONNECT),
                SqlnetOra.load(sqlnet("Woberegger__DatabaseSecurity__scripts_06_sqlnet.ora.client")).directoryPath(),
                "HOSTNAME is Oracle's older name for EZCONNECT");
        SqlnetOra corporate = SqlnetOra.load(sqlnet("jhaavinash984__multipledb__network_admin_sqlnet.ora"));
        assertEquals(List.of(NamingMethod.LDAP), corporate.directoryPath());
        assertEquals(Optional.of("cisco.com"), corporate.defaultDomain());
        assertEquals(Optional.of("local"),
                SqlnetOra.load(sqlnet("Tommi2Day__containertest__sqlnet.ora")).defaultDomain());
        assertEquals(SqlnetOra.DEFAULT_PATH,
                SqlnetOra.load(sqlnet("790013438__ADMIN__SAMPLE_sqlnet.ora")).directoryPath(),
                "a file of comments only gives Oracle's default path");
    }

    @Test
    void aDuplicatedKeyKeepsItsLastValue() {
        SqlnetOra corporate = SqlnetOra.load(sqlnet("jhaavinash984__multipledb__network_admin_sqlnet.ora"));
        assertEquals("0", ((dev.tnsrelay.net.NvValue.Atom) corporate.settings().get("SQLNET.EXPIRE_TIME")).text());
    }

    @Test
    void ldapOraFiles() {
        LdapOra triple = LdapOra.load(sqlnet("jampaniuday__oid__ldap.ora"));
        assertEquals(List.of(new LdapOra.DirectoryServer("oid.example.com", 3060, 3131)), triple.directoryServers());
        assertEquals("", triple.defaultAdminContext());
        LdapOra corporate = LdapOra.load(sqlnet("jhaavinash984__multipledb__network_admin_ldap.ora"));
        assertEquals("dc=cisco,dc=com", corporate.defaultAdminContext());
        assertEquals(List.of(new LdapOra.DirectoryServer("ldap-ldprd", 5000, 0)), corporate.directoryServers());
        assertTrue(LdapOra.load(sqlnet("soliverr__oracle-sysvinit__ldap.ora")).directoryServers().isEmpty());
    }

    @Test
    void aBadDirectoryServerSaysWhere(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("ldap.ora"), "# x\nDIRECTORY_SERVERS = (ok:389, bad:port)\n");
        NetParseException e = assertThrows(NetParseException.class, () -> LdapOra.load(file));
        assertEquals(2, e.position().line());
        assertTrue(e.detail().contains("'bad:port' is not host:port[:sslport]"), e.getMessage());
    }
}
