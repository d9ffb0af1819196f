package dev.tnsrelay.config;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tnsrelay.fuzz.Contract;
import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.rules.Rule;
import dev.tnsrelay.rules.RuleList;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets for cman.ora and for a rule as an administrator types it. A rule that reads must print as text
 * that reads back as the same rule: that text is what the admin layer writes into cman.ora.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CmanOraFuzzTest {

    /** A whole cman.ora; each instance's rules, written back as a rule edit writes them, read back the same. */
    @FuzzTest
    @DictionaryFile(resourcePath = "/dev/tnsrelay/fuzz/ora.dict")
    void cmanOra(byte[] input) {
        String text = new String(input, StandardCharsets.ISO_8859_1);
        CmanConfiguration config;
        try {
            config = CmanOra.parse(text, "cman.ora");
        } catch (NetParseException e) {
            Contract.positioned(e);
            return;
        }
        for (CmanInstance instance : config.instances()) {
            instance.rules().rules().forEach(CmanOraFuzzTest::readsBack);
            String rewritten = CmanOraFile.withRules(text, instance.name(), instance.rules());
            RuleList again = CmanOra.parse(rewritten, "rewritten cman.ora").instance(instance.name()).orElseThrow()
                    .rules();
            if (!texts(again).equals(texts(instance.rules()))) {
                throw new AssertionError("rules written back read as " + texts(again) + ", not "
                        + texts(instance.rules()));
            }
        }
    }

    /** One rule, as the REST API and the screens take it. */
    @FuzzTest
    @DictionaryFile(resourcePath = "/dev/tnsrelay/fuzz/ora.dict")
    void rule(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Rule rule;
        try {
            rule = CmanOra.rule(text, "rule 1");
        } catch (NetParseException e) {
            Contract.positioned(e);
            return;
        }
        readsBack(rule);
    }

    private static void readsBack(Rule rule) {
        Rule again;
        try {
            again = CmanOra.rule(rule.text(), "printed rule");
        } catch (NetParseException e) {
            throw new AssertionError("the rule prints as " + rule.text() + ", which does not read: " + e.getMessage(), e);
        }
        if (!again.text().equals(rule.text()) || !again.source().equals(rule.source())
                || !again.destination().equals(rule.destination()) || !again.service().equals(rule.service())
                || again.action() != rule.action() || !again.actions().equals(rule.actions())) {
            throw new AssertionError("the rule prints as " + rule.text() + ", which reads back as " + again);
        }
    }

    private static List<String> texts(RuleList rules) {
        return rules.rules().stream().map(Rule::text).toList();
    }
}
