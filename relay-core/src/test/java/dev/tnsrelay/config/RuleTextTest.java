package dev.tnsrelay.config;

import static dev.tnsrelay.testing.ParseAssertions.assertAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.rules.Rule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A rule printed ({@link Rule#text()}, what a rule edit writes into cman.ora) reads back as the same rule, whatever
 * its service name holds (issue 11, item 9). The fuzz target {@code rule} (CmanOraFuzzTest) checks the same on
 * every rule it makes up; these are the cases found first.
 */
class RuleTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"sales", "*", "", "sales.example.com", "a,b=c", "\"sales#1\"", "\"a)b\"", "'(x)'",
        "'say \"hi\"'", "\"it's\"", "\"two\nlines\"", "\"a\\\\\"", "a\\b", "\"a\\\"b\"", "\"tab\tin\""})
    void aPrintedRuleReadsBackTheSame(String srv) {
        Rule rule = CmanOra.rule("(RULE=(SRC=10.0.0.0/8)(DST=db)(SRV=" + srv + ")(ACT=accept)(ACTION_LIST=(MIT=30)))",
                "rule 1");
        Rule again = CmanOra.rule(rule.text(), "printed");
        assertEquals(rule.service(), again.service(), rule.text());
        assertEquals(rule.text(), again.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\\ ", "\"\\ \""})
    void aServiceNameThatCannotBeWrittenBackIsRefusedWhereItStands(String srv) {
        NetParseException e = assertThrows(NetParseException.class,
                () -> CmanOra.rule("(RULE=(SRC=*)(DST=*)(SRV=" + srv + ")(ACT=accept))", "rule 1"));
        assertAt(e, 1, 21, "cannot be written");
    }

    /** cman.ora is ISO-8859-1 (found by the admin-rest fuzz target: such a rule made the REST call fail with a 500). */
    @ParameterizedTest
    @ValueSource(strings = {"pr\u014doduct", "\u2603", "caf\u00e9\ud83d\ude80"})
    void aCharacterCmanOraCannotHoldIsRefusedWhereItStands(String srv) {
        String text = "(RULE=(SRC=*)(DST=*)\n(SRV=" + srv + ")(ACT=accept))";
        NetParseException e = assertThrows(NetParseException.class, () -> CmanOra.rule(text, "rule 1"));
        int column = 6 + (int) srv.chars().takeWhile(c -> c <= 0xff).count();
        assertAt(e, 2, column, "ISO-8859-1");
    }
}
