package dev.tnsrelay.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.descriptor.Address;
import dev.tnsrelay.net.NetParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tnsnames.ora semantics of shared/corpora/ezconnect/cases.md §6 (T1–T22). */
class TnsnamesSemanticsTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private TnsnamesFile load(String text) throws IOException {
        return TnsnamesFile.load(write("tnsnames.ora", text));
    }

    private static String host(TnsnamesFile file, String alias) {
        Address a = new NameResolver(SqlnetOra.defaults(), Optional.of(file), Optional.empty()).resolve(alias)
                .descriptor().descriptions().get(0).addresses().get(0);
        return a.host() + ":" + a.port();
    }

    private static final String DESC = "(DESCRIPTION=(ADDRESS=(PROTOCOL=tcp)(HOST=%s)(PORT=%d))(CONNECT_DATA=(SERVICE_NAME=s)))";

    @Test
    void t1_t2_t4_entriesCommentsAndGarbage() throws IOException {
        assertEquals("host_7200:7200", host(load("nsn_7200 = " + DESC.formatted("host_7200", 7200)), "nsn_7200"));
        assertEquals(List.of(), load("# no entries\n").aliases());
        TnsnamesFile garbage = load("some garbage data which is not a valid entry\nnsn_7203 = "
                + DESC.formatted("h", 7203));
        assertEquals(List.of("NSN_7203"), garbage.aliases());
        assertEquals(1, garbage.problems().size());
    }

    @Test
    void t5_t19_aliasListsOnOneLineOrSeveral() throws IOException {
        assertEquals(List.of("NSN_7204A", "NSN_7204B"), load("nsn_7204a,nsn_7204b = " + DESC.formatted("h", 1)).aliases());
        TnsnamesFile multi = load("nsn_7219a,\nnsn_7219b,\nnsn_7219c = host_7219:7219/service_7219\n");
        assertEquals(List.of("NSN_7219A", "NSN_7219B", "NSN_7219C"), multi.aliases());
        assertEquals("host_7219:7219", host(multi, "nsn_7219b"));
    }

    @Test
    void t6_t22_easyConnectAsTheValue() throws IOException {
        TnsnamesFile f = load("nsn_7205 = tcp://host_7205:7205/service_7205\nd = " + DESC.formatted("h", 1));
        assertEquals("host_7205:7205", host(f, "nsn_7205"));
        assertEquals(List.of("NSN_7205", "D"), f.aliases());
    }

    @Test
    void t7_t20_t21_slashesAndCommentsInsideValues() throws IOException {
        TnsnamesFile f = load("""
                # COMMENT
                nsn_7206 = (DESCRIPTION=(ADDRESS=(PROTOCOL=tcps)(HOST=h)(PORT=1))
                  (CONNECT_DATA=
                # embedded comment
                    (SERVICE_NAME=s))
                  (SECURITY=(MY_WALLET_DIRECTORY=/some/dir/7206)))
                # COMMENT
                """);
        assertEquals("/some/dir/7206", new NameResolver(SqlnetOra.defaults(), Optional.of(f), Optional.empty())
                .resolve("nsn_7206").descriptor().descriptions().get(0).security().orElseThrow()
                .text("MY_WALLET_DIRECTORY").orElseThrow());
    }

    @Test
    void t8_t9_t10_relativeAbsoluteAndQuotedIfile() throws IOException {
        write("inc_7207.ora", "nsn_7207b = " + DESC.formatted("b", 2));
        Path other = write("elsewhere/inc_7208.ora", "nsn_7208 = " + DESC.formatted("c", 3));
        Path quoted = write("elsewhere/inc_7223.ora", "nsn_7223 = " + DESC.formatted("d", 4));
        TnsnamesFile f = load("nsn_7207a = host_7207a:72/service_7207a\nifile = inc_7207.ora\nIFILE = "
                + other + "\nifile = \"" + quoted + "\"\n");
        assertEquals(List.of("NSN_7207A", "NSN_7207B", "NSN_7208", "NSN_7223"), f.aliases());
        assertEquals("d:4", host(f, "nsn_7223"));
    }

    @Test
    void t11_t12_ifileCyclesAreErrorsAtTheIfileLine() throws IOException {
        NetParseException self = assertThrows(NetParseException.class,
                () -> load("nsn_7209 = some_host/some_service\nIFILE = tnsnames.ora\n"));
        assertEquals(2, self.position().line());
        assertTrue(self.detail().contains("IFILE cycle: tnsnames.ora -> tnsnames.ora"), self.getMessage());
        write("a.ora", "in_a = h/s\nIFILE = b.ora\n");
        write("b.ora", "in_b = h/s\nIFILE = tnsnames.ora\n");
        NetParseException chain = assertThrows(NetParseException.class, () -> load("IFILE = a.ora\n"));
        assertTrue(chain.detail().contains("tnsnames.ora -> a.ora -> b.ora -> tnsnames.ora"), chain.getMessage());
        assertTrue(chain.position().source().endsWith("b.ora"), chain.getMessage());
    }

    @Test
    void t13_t14_t15_theLastDefinitionWins() throws IOException {
        assertEquals("h:1", host(load("x = " + DESC.formatted("h", 1) + "\ny = a/b\nx = " + DESC.formatted("h", 1)), "x"));
        assertEquals("host_7213b:2", host(load("x = " + DESC.formatted("host_7213a", 1) + "\nx = "
                + DESC.formatted("host_7213b", 2)), "x"));
        write("inc.ora", "x = " + DESC.formatted("included", 3));
        assertEquals("included:3", host(load("x = " + DESC.formatted("main", 1) + "\nIFILE = inc.ora\n"), "x"));
    }

    @Test
    void t16_aMissingIfileIsAnError() {
        NetParseException e = assertThrows(NetParseException.class, () -> load("IFILE = missing.ora\n"));
        assertTrue(e.detail().contains("missing.ora, which does not exist"), e.getMessage());
        assertThrows(UncheckedIOException.class, () -> TnsnamesFile.load(dir.resolve("nothing.ora")));
    }

    @Test
    void t17_t18_aFileIncludedTwiceIsReadOnce() throws IOException {
        write("inc.ora", "nsn_7217 = h/s\n");
        assertEquals(List.of("NSN_7217", "ANOTHER_NSN"),
                load("IFILE = inc.ora\nanother_nsn = h/s\nIFILE = inc.ora\n").aliases());
        write("a.ora", "in_a = h/s\nIFILE = c.ora\n");
        write("b.ora", "in_b = h/s\nIFILE = c.ora\n");
        write("c.ora", "nsn_7218 = h/s\n");
        assertEquals(List.of("IN_A", "NSN_7218", "ANOTHER_NSN", "IN_B"),
                load("IFILE = a.ora\nanother_nsn = h/s\nIFILE = b.ora\n").aliases());
    }

    @Test
    void defaultDomainIsAddedToUnqualifiedNames() throws IOException {
        Path tns = write("tnsnames.ora", "sales.world = " + DESC.formatted("w", 1) + "\nsales = " + DESC.formatted("bare", 2));
        SqlnetOra sqlnet = SqlnetOra.load(write("sqlnet.ora", "NAMES.DEFAULT_DOMAIN = world\n"));
        NameResolver r = new NameResolver(sqlnet, Optional.of(TnsnamesFile.load(tns)), Optional.empty());
        assertEquals("w", r.resolve("sales").descriptor().descriptions().get(0).addresses().get(0).host());
        assertEquals("w", r.resolve("SALES.WORLD").descriptor().descriptions().get(0).addresses().get(0).host());
    }
}
