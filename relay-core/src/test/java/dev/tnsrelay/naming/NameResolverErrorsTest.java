package dev.tnsrelay.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.descriptor.Address;
import dev.tnsrelay.net.NetParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an application is told when a name does not resolve: the name, every method of NAMES.DIRECTORY_PATH in
 * its order with what it answered, the file and line where one is broken; and a plain word is not taken for a
 * host while tnsnames.ora or ldap.ora name the services.
 */
class NameResolverErrorsTest {

    private static final String SALES = "sales = (DESCRIPTION=(ADDRESS=(PROTOCOL=tcp)(HOST=db1)(PORT=1521))"
            + "(CONNECT_DATA=(SERVICE_NAME=sales)))\n";

    @TempDir
    Path dir;

    private NameResolver files(String sqlnet, String tnsnames) throws IOException {
        if (sqlnet != null) {
            Files.writeString(dir.resolve("sqlnet.ora"), sqlnet);
        }
        if (tnsnames != null) {
            Files.writeString(dir.resolve("tnsnames.ora"), tnsnames);
        }
        return NameResolver.fromTnsAdmin(dir);
    }

    private Path tnsnames() {
        return dir.resolve("tnsnames.ora").toAbsolutePath().normalize();
    }

    private static String host(Resolution r) {
        Address a = r.descriptor().descriptions().get(0).addresses().get(0);
        return a.host() + ":" + a.port();
    }

    @Test
    void aMisspeltAliasNamesEveryMethodInPathOrderAndIsNotTakenForAHost() throws IOException {
        NameResolver resolver = files(null, SALES);
        NameResolutionException e = assertThrows(NameResolutionException.class, () -> resolver.resolve("slaes"));
        assertEquals("ORA-12154: Cannot connect to database. Could not find alias slaes"
                + " (NAMES.DIRECTORY_PATH = (TNSNAMES, LDAP, EZCONNECT): TNSNAMES: no alias slaes in " + tnsnames()
                + "; LDAP: no ldap.ora; EZCONNECT: slaes is a plain word and tnsnames.ora names the services here, so"
                + " it is not taken for a host name (//slaes or slaes:1521 means a host))", e.getMessage());
    }

    @Test
    void theOrderIsThatOfTheFile() throws IOException {
        NameResolver resolver = files("NAMES.DIRECTORY_PATH = (EZCONNECT, TNSNAMES)\n", SALES);
        String text = assertThrows(NameResolutionException.class, () -> resolver.resolve("slaes")).getMessage();
        assertTrue(text.contains("(NAMES.DIRECTORY_PATH = (EZCONNECT, TNSNAMES): EZCONNECT: slaes is a plain word")
                && text.indexOf("EZCONNECT: ") < text.indexOf("TNSNAMES: no alias slaes"), text);
        assertEquals("db1:1521", host(resolver.resolve("sales")), "the alias still resolves, after EZCONNECT");
    }

    @Test
    void aHostIsStillAHostWhereItSaysSoOrWhereNoNamesAreConfigured() throws IOException {
        NameResolver named = files(null, SALES);
        assertEquals(NamingMethod.EZCONNECT, named.resolve("//slaes").method());
        assertEquals("dbhost:1600", host(named.resolve("dbhost:1600/hr")));
        Files.delete(dir.resolve("tnsnames.ora"));
        Resolution bare = NameResolver.fromTnsAdmin(dir).resolve("dbhost");
        assertEquals(NamingMethod.EZCONNECT, bare.method(), "nothing names the services: a bare word is a host");
        assertEquals("dbhost:1521", host(bare));
    }

    @Test
    void aTnsnamesOraOutsideThePathDoesNotCount() throws IOException {
        Resolution r = files("NAMES.DIRECTORY_PATH = (EZCONNECT)\n", SALES).resolve("slaes");
        assertEquals(NamingMethod.EZCONNECT, r.method());
    }

    @Test
    void anLdapOraNamesTheServicesToo() throws IOException {
        Files.writeString(dir.resolve("ldap.ora"), "DEFAULT_ADMIN_CONTEXT = \"dc=example,dc=com\"\n");
        NameResolver resolver = files("NAMES.DIRECTORY_PATH = (LDAP, EZCONNECT)\n", null);
        String text = assertThrows(NameResolutionException.class, () -> resolver.resolve("crm")).getMessage();
        assertTrue(text.contains("LDAP: ldap.ora lists no DIRECTORY_SERVERS; EZCONNECT: crm is a plain word and"
                + " ldap.ora names the services here"), text);
    }

    @Test
    void aBrokenAliasSaysWhereAndStopsTheSearch() throws IOException {
        NameResolver resolver = files(null, SALES + "hr = (DESCRIPTION=(ADDRESS=(PROTOCOL=tcp)(HOST=db2)(PORT=1521))\n"
                + "  (CONNECT_DATA=(SERVICE_NAME=hr))\n" + "  (ADDRESS=(PORT=x)))\n");
        NameResolutionException e = assertThrows(NameResolutionException.class, () -> resolver.resolve("hr"));
        NetParseException where = (NetParseException) e.getCause();
        assertEquals(tnsnames() + ":4:", where.position().source() + ":" + where.position().line() + ":");
        assertEquals("ORA-12154: Cannot connect to database. Alias hr is in tnsnames.ora but cannot be used: "
                + where.getMessage() + " (NAMES.DIRECTORY_PATH = (TNSNAMES, LDAP, EZCONNECT); the methods after"
                + " TNSNAMES are not asked)", e.getMessage());
    }

    @Test
    void withoutEzconnectInThePathAnEasyConnectStringIsNotTried() throws IOException {
        NameResolver resolver = files("NAMES.DIRECTORY_PATH = (TNSNAMES)\n", SALES);
        assertEquals("ORA-12154: Cannot connect to database. Could not find alias db1:1521/sales"
                + " (NAMES.DIRECTORY_PATH = (TNSNAMES): TNSNAMES: not a net service name; Easy Connect is not tried:"
                + " EZCONNECT is not in NAMES.DIRECTORY_PATH)",
                assertThrows(NameResolutionException.class, () -> resolver.resolve("db1:1521/sales")).getMessage());
    }

    @Test
    void aBadEasyConnectStringSaysWhatIsWrong() throws IOException {
        NameResolver resolver = files(null, null);
        String text = assertThrows(NameResolutionException.class, () -> resolver.resolve("db1:99999/sales"))
                .getMessage();
        assertTrue(text.startsWith("ORA-12154: Cannot connect to database. db1:99999/sales is not a valid Easy Connect"
                + " string: easy connect:1:1: "), text);
        assertTrue(text.endsWith("(NAMES.DIRECTORY_PATH = (TNSNAMES, LDAP, EZCONNECT))"), text);
    }
}
