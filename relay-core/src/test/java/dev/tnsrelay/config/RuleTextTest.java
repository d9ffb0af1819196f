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
}
