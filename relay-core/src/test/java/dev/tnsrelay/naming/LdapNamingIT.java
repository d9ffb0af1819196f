package dev.tnsrelay.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.descriptor.ConnectDescriptor;
import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.testing.Slapd;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LDAP directory naming against a real slapd holding Oracle Net entries under cn=OracleContext. */
class LdapNamingIT {

    private static final Path RESOURCES = Path.of("src/test/resources/ldap");

    @TempDir
    static Path work;

    private static Slapd slapd;

    @BeforeAll
    static void startSlapd() throws Exception {
        slapd = Slapd.start(work, "dc=example,dc=com", List.of(RESOURCES.resolve("oracle-net.schema")),
                RESOURCES.resolve("oracle-context.ldif"));
    }

    @AfterAll
    static void stopSlapd() throws Exception {
        slapd.close();
    }

    private static LdapNaming naming(String servers) {
        return new LdapNaming(new LdapOra(parseServers(servers), "OID", "dc=example,dc=com"), Duration.ofSeconds(5));
    }

    private static List<LdapOra.DirectoryServer> parseServers(String servers) {
        return java.util.Arrays.stream(servers.split(",")).map(s -> {
            String[] hp = s.split(":");
            return new LdapOra.DirectoryServer(hp[0], Integer.parseInt(hp[1]), 0);
        }).toList();
    }

    private static String host(ConnectDescriptor d) {
        return d.descriptions().get(0).addresses().get(0).host();
    }

    @Test
    void resolvesAnEntry() {
        ConnectDescriptor d = naming("127.0.0.1:" + slapd.port()).lookup("sales").orElseThrow();
        assertEquals("db-sales.example.com", host(d));
        assertEquals(Optional.of("sales.example.com"), d.connectData().orElseThrow().serviceName());
    }

    @Test
    void followsAnAliasEntry() {
        assertEquals("db-sales.example.com", host(naming("127.0.0.1:" + slapd.port()).lookup("crm").orElseThrow()));
    }

    @Test
    void aDottedNameIsLookedUpUnderItsDomain() {
        LdapNaming n = new LdapNaming(new LdapOra(parseServers("127.0.0.1:" + slapd.port()), "OID", ""),
                Duration.ofSeconds(5));
        assertEquals("db-sales.example.com", host(n.lookup("sales.example.com").orElseThrow()));
    }

    @Test
    void anUnknownNameIsEmptyAndABrokenEntrySaysWhere() {
        LdapNaming n = naming("127.0.0.1:" + slapd.port());
        assertTrue(n.lookup("nothing").isEmpty());
        NetParseException e = assertThrows(NetParseException.class, () -> n.lookup("broken"));
        assertTrue(e.position().source().startsWith("ldap:cn=broken"), e.getMessage());
    }

    @Test
    void theNextDirectoryServerIsTriedWhenOneIsDown() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        LdapNaming n = naming("127.0.0.1:" + closed + ",127.0.0.1:" + slapd.port());
        assertEquals("db-sales.example.com", host(n.lookup("sales").orElseThrow()));
        NameResolutionException down = assertThrows(NameResolutionException.class,
                () -> naming("127.0.0.1:" + closed).lookup("sales"));
        assertTrue(down.getMessage().contains("no directory server answered"), down.getMessage());
    }

    @Test
    void theResolverChainReportsTheLdapMethodFromTnsAdminFiles() throws IOException {
        Path admin = Files.createDirectories(work.resolve("admin"));
        Files.writeString(admin.resolve("sqlnet.ora"), "NAMES.DIRECTORY_PATH = (TNSNAMES, LDAP, EZCONNECT)\n");
        Files.writeString(admin.resolve("ldap.ora"), "DIRECTORY_SERVERS = (127.0.0.1:" + slapd.port() + ")\n"
                + "DEFAULT_ADMIN_CONTEXT = \"dc=example,dc=com\"\nDIRECTORY_SERVER_TYPE = OID\n");
        Files.writeString(admin.resolve("tnsnames.ora"), "local = (DESCRIPTION=(ADDRESS=(HOST=l)(PORT=1)))\n");
        NameResolver resolver = NameResolver.fromTnsAdmin(admin);
        assertEquals(NamingMethod.TNSNAMES, resolver.resolve("local").method());
        Resolution crm = resolver.resolve("crm");
        assertEquals(NamingMethod.LDAP, crm.method());
        assertEquals("db-sales.example.com", host(crm.descriptor()));
        Resolution ez = resolver.resolve("dbhost:1522/svc");
        assertEquals(NamingMethod.EZCONNECT, ez.method());
    }
}
