package dev.tnsrelay.naming;

import static dev.tnsrelay.testing.ParseAssertions.assertAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.net.NvFile;
import dev.tnsrelay.net.NvPair;
import dev.tnsrelay.net.NvParser;
import dev.tnsrelay.net.NvPrinter;
import dev.tnsrelay.net.NvValue;
import dev.tnsrelay.testing.Shared;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real tnsnames.ora in shared/corpora/tnsnames: each parses, each alias resolves to a descriptor with
 * an address, and each entry prints canonically and parses back equal. The two files that are broken on
 * purpose fail where they are broken.
 */
class TnsnamesCorpusTest {

    private static final String PSEUDO_GRAMMAR = "790013438__ADMIN__SAMPLE_tnsnames.oRA";
    private static final String INDENTED_ALIAS = "upquery__wrapper__network_admin_tnsnames.ora";

    static Stream<Path> validFiles() {
        return Shared.files("tnsnames").stream()
                .filter(p -> !p.getFileName().toString().equals(PSEUDO_GRAMMAR))
                .filter(p -> !p.getFileName().toString().equals(INDENTED_ALIAS));
    }

    private static NameResolver resolverFor(TnsnamesFile file) {
        return new NameResolver(SqlnetOra.defaults(), Optional.of(file), Optional.empty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFiles")
    void everyAliasResolves(Path path) {
        TnsnamesFile file = TnsnamesFile.load(path);
        assertTrue(file.problems().isEmpty(), () -> file.problems().get(0).error().getMessage());
        assertFalse(file.aliases().isEmpty());
        NameResolver resolver = resolverFor(file);
        for (String alias : file.aliases()) {
            Resolution r = resolver.resolve(alias);
            assertEquals(NamingMethod.TNSNAMES, r.method(), alias);
            assertFalse(r.descriptor().descriptions().get(0).addresses().isEmpty(), alias);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFiles")
    void everyEntryRoundTripsThroughTheCanonicalForm(Path path) throws Exception {
        NvFile parsed = NvParser.parseFile(java.nio.file.Files.readString(path, java.nio.charset.StandardCharsets.ISO_8859_1),
                path.toString());
        for (NvFile.Entry e : parsed.entries()) {
            if (!(e.value() instanceof NvValue.Pairs)) {
                continue;
            }
            NvPair pair = e.asPair();
            String canonical = pair.toString();
            NvPair again = NvParser.parse(canonical, "canonical");
            assertEquals(pair, again, canonical);
            assertEquals(canonical, again.toString());
            assertEquals(pair, NvParser.parse(NvPrinter.pretty(pair), "pretty"));
        }
    }

    @Test
    void knownCountsOfTheLargerFiles() {
        assertEquals(473, TnsnamesFile.load(Shared.corpus("tnsnames")
                .resolve("cms-cvs-history__CaloOnlineTools-HcalOnlineDb__test_tnsnames.ora")).aliases().size());
        TnsnamesFile antlr = TnsnamesFile.load(Shared.corpus("tnsnames")
                .resolve("antlr__grammars-v4__tnsnames_examples_tnsnames.test.ora"));
        assertTrue(antlr.aliases().containsAll(java.util.List.of("ALIAS_1", "ALIAS_2.WORLD", "ALIAS3.DUNBAR-IT.CO.UK")));
        assertEquals("'(description=(local = yes)(address = (protocol = beq)))'",
                resolverFor(antlr).resolve("alias_2.world").descriptor().nv()
                        .child("DESCRIPTION").orElseThrow().child("ADDRESS_LIST").orElseThrow()
                        .childrenNamed("ADDRESS").get(4).child("ARGS").map(a -> ((NvValue.Atom) a.value()).text())
                        .orElseThrow());
    }

    @Test
    void sourceRouteEntriesKeepTheirHopsInOrder() {
        TnsnamesFile cman = TnsnamesFile.load(Shared.corpus("tnsnames")
                .resolve("pages__orafaq.com__wiki_Cman.ora__tnsnames_cman_entry.ora"));
        var d = resolverFor(cman).resolve(cman.aliases().get(0)).descriptor().descriptions().get(0);
        assertTrue(d.sourceRoute());
        assertEquals(2, d.addresses().size());
    }

    @Test
    void oraclePseudoGrammarSampleFailsAtItsFirstPlaceholder() {
        TnsnamesFile file = TnsnamesFile.load(Shared.corpus("tnsnames").resolve(PSEUDO_GRAMMAR));
        assertTrue(file.aliases().isEmpty());
        NetParseException e = file.problems().get(0).error();
        assertEquals(24, e.position().line());
        assertEquals(1, e.position().column());
        assertEquals("expected a name, found '<'", e.detail());
    }

    @Test
    void anIndentedAliasIsReadAsOracleReadsIt() {
        TnsnamesFile file = TnsnamesFile.load(Shared.corpus("tnsnames").resolve(INDENTED_ALIAS));
        assertEquals(java.util.List.of("LOCALBASE", "JOAO"), file.aliases());
        NameResolutionException unusable = assertThrows(NameResolutionException.class,
                () -> resolverFor(file).resolve("local"));
        NetParseException e = (NetParseException) unusable.getCause();
        assertAt(e, 31, 3, "'DEMO'");
        assertTrue(unusable.getMessage().startsWith("ORA-12154: Cannot connect to database. Alias local is in"
                + " tnsnames.ora but cannot be used: " + e.position() + ": "), unusable.getMessage());
        assertTrue(file.lookup("DEMO").isEmpty());
    }
}
