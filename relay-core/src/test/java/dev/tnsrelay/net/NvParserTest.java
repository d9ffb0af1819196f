package dev.tnsrelay.net;

import static dev.tnsrelay.testing.ParseAssertions.assertAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NvParserTest {

    private static NvPair parse(String text) {
        return NvParser.parse(text, "t");
    }

    @Test
    void namesAreCaseInsensitiveAndValuesKeepTheirCase() {
        NvPair p = parse("(description=(address=(Protocol=TCP)(host=MyHost)(port=1521)))");
        assertEquals("DESCRIPTION", p.name());
        NvPair address = p.child("ADDRESS").orElseThrow();
        assertEquals("MyHost", address.text("host").orElseThrow());
        assertEquals("TCP", address.text("PROTOCOL").orElseThrow());
        assertEquals("(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=MyHost)(PORT=1521)))", p.toString());
    }

    @Test
    void blanksTabsCrlfAndCommentsMayStandBetweenTokens() {
        NvPair p = parse("( DESCRIPTION =\r\n\t(ADDRESS = # where\r\n (HOST = h1 )\t(PORT=\r\n 1)) )\r\n");
        assertEquals("(DESCRIPTION=(ADDRESS=(HOST=h1)(PORT=1)))", p.toString());
    }

    @Test
    void quotesProtectSpecialCharactersAndAreKept() {
        NvPair p = parse("(A=(ARGS='(description=(local = yes))')(DN=\"cn=x,dc=y # not a comment\"))");
        NvValue.Atom args = (NvValue.Atom) p.child("ARGS").orElseThrow().value();
        assertEquals("'(description=(local = yes))'", args.text());
        assertEquals("(description=(local = yes))", args.unquoted());
        assertEquals("cn=x,dc=y # not a comment", p.text("DN").orElseThrow());
    }

    @Test
    void plainValuesMayHoldEqualsSignsAndInnerBlanks() {
        NvPair p = parse("(SECURITY=(SSL_SERVER_CERT_DN=CN=unknown19a)(T=500 ms)(EMPTY=))");
        assertEquals("CN=unknown19a", p.text("SSL_SERVER_CERT_DN").orElseThrow());
        assertEquals("500 ms", p.text("T").orElseThrow());
        assertEquals("", p.text("EMPTY").orElseThrow());
    }

    @Test
    void aParenthesisedCommaListIsReadAsItems() {
        NvPair p = parse("(X=(TNSNAMES, EZCONNECT ,LDAP))");
        NvValue.Items items = assertInstanceOf(NvValue.Items.class, p.value());
        assertEquals(List.of("TNSNAMES", "EZCONNECT", "LDAP"), items.items().stream().map(NvValue.Atom::text).toList());
        assertEquals("(X=(TNSNAMES, EZCONNECT, LDAP))", p.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "(A=(B=C)                          | 1 | 1  | '(' is never closed",
        "(A=(B=C)))                        | 1 | 10 | after the closing ')'",
        "(A (B=C))                         | 1 | 4  | expected '=' after A",
        "(=C)                              | 1 | 2  | missing name before '='",
        "(A=(B=C) junk)                    | 1 | 10 | expected ')' to close the '(' at line 1 column 1",
        "(A=b(c))                          | 1 | 5  | quote a value that holds parentheses",
        "()                                | 1 | 2  | empty parentheses",
        "(KEY CONTAINS SPACE=1)            | 1 | 5  | invalid character ' ' in the name",
        "(^MY_KEY=1)                       | 1 | 2  | invalid character '^'",
        "(A='unclosed)                     | 1 | 4  | the quote ' is never closed",
        "DESCRIPTION=(A=B)                 | 1 | 1  | expected '('",
    })
    void errorsSayWhereAndWhat(String text, int line, int column, String detail) {
        NetParseException e = assertThrows(NetParseException.class, () -> parse(text));
        assertAt(e, line, column, detail);
    }

    @Test
    void errorsCountLinesAcrossCrlf() {
        NetParseException e = assertThrows(NetParseException.class,
                () -> parse("(DESCRIPTION=\r\n  (ADDRESS=\r\n    (HOST=a)(PORT 1))"));
        assertEquals(3, e.position().line());
        assertEquals(19, e.position().column());
    }

    @Test
    void nestingIsBounded() {
        String deep = "(A=".repeat(NvParser.MAX_DEPTH + 1) + "x" + ")".repeat(NvParser.MAX_DEPTH + 1);
        NetParseException e = assertThrows(NetParseException.class, () -> parse(deep));
        assertTrue(e.detail().contains("nesting deeper than 64"), e.getMessage());
        String fine = "(A=".repeat(NvParser.MAX_DEPTH) + "x" + ")".repeat(NvParser.MAX_DEPTH);
        assertEquals(fine, parse(fine).toString());
    }

    @Test
    void sizeIsBounded() {
        String huge = "(A=" + "x".repeat(NvParser.MAX_CHARS) + ")";
        NetParseException e = assertThrows(NetParseException.class, () -> parse(huge));
        assertTrue(e.detail().contains("longer than"), e.getMessage());
    }

    @Test
    void canonicalPrintingRoundTrips() {
        NvPair p = parse("(description_list=(load_balance=off)(description=(address_list=(address=(protocol=tcp)"
                + "(host=h)(port=1)))(connect_data=(service_name=S)(FAILOVER_MODE=(TYPE=select)(METHOD=basic)))"
                + "(security=(ssl_server_cert_dn=\"CN=a,O=b\"))))");
        String canonical = p.toString();
        NvPair again = parse(canonical);
        assertEquals(p, again);
        assertEquals(canonical, again.toString());
        assertEquals(p, parse(NvPrinter.pretty(p)));
    }

    /**
     * A plain value may end in a backslash where its line ends; printed before a ')' that backslash would escape it
     * (found by the descriptor fuzz target).
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"(DESCRIPTION =\n  T = comp com\\\n)\n",
        "(A=(B=x\\\n)(C=y))", "(A=x\\\\\\\n)"})
    void aValueEndingInABackslashPrintsAsTextThatReadsBack(String text) {
        NvPair p = parse(text);
        NvPair again = parse(p.toString());
        assertEquals(p, again, p.toString());
        assertEquals(p.toString(), again.toString());
        assertEquals(p, parse(NvPrinter.pretty(p)), NvPrinter.pretty(p));
    }

    @Test
    void fileEntriesAliasListsAndContinuationLines() {
        NvFile f = NvParser.parseFile("""
                # header
                a, b.world ,
                c = (DESCRIPTION=(ADDRESS=(HOST=h)(PORT=1)))
                NAMES.DIRECTORY_PATH = (TNSNAMES, EZCONNECT)   # trailing comment
                DEFAULT_DOMAIN = world
                CMAN =
                (configuration=
                  (address=(host=x))
                )
                """, "f");
        assertTrue(f.problems().isEmpty(), f.problems().toString());
        assertEquals(List.of("a", "b.world", "c"), f.entries().get(0).names());
        assertEquals(2, f.entries().get(0).position().line());
        assertInstanceOf(NvValue.Items.class, f.entries().get(1).value());
        assertEquals("world", ((NvValue.Atom) f.entries().get(2).value()).text());
        assertEquals("(CMAN=(CONFIGURATION=(ADDRESS=(HOST=x))))", f.entries().get(3).asPair().toString());
    }

    @Test
    void aBrokenEntryDoesNotHideTheNextOnes() {
        NvFile f = NvParser.parseFile("""
                some garbage data which is not a valid entry
                good1 = (DESCRIPTION=(ADDRESS=(HOST=h)(PORT=1)))
                broken = (DESCRIPTION=(ADDRESS=(HOST=h)(PORT=1))
                good2 = host:1521/svc
                """, "f");
        assertEquals(List.of("good1", "good2"), f.entries().stream().map(e -> e.names().get(0)).toList());
        assertEquals(2, f.problems().size());
        assertEquals(List.of("some"), f.problems().get(0).names());
        assertEquals(1, f.problems().get(0).error().position().line());
        NetParseException unclosed = f.problems().get(1).error();
        assertEquals(List.of("broken"), f.problems().get(1).names());
        assertAt(unclosed, 3, 10, "before the next entry at line 4");
    }

    @Test
    void anIndentedNameContinuesThePreviousEntry() {
        NvFile f = NvParser.parseFile("one = (A=1)\n  two = (A=2)\nthree = (A=3)\n", "f");
        assertEquals(List.of("three"), f.entries().stream().map(e -> e.names().get(0)).toList());
        NetParseException e = f.problems().get(0).error();
        assertAt(e, 2, 3, "'two'");
        assertFalse(f.entries().isEmpty());
    }
}
