package dev.tnsrelay.admin;

import java.util.List;

/**
 * The rule tester's answer: which rule of the live list a connect from {@code source} to {@code destination}
 * for {@code service} meets first, evaluated by the gateway's own code.
 *
 * @param position the rule's number (1 is tried first); 0 when no rule covers the connect
 * @param rule the rule's text; empty when none
 * @param action {@code accept}, {@code reject} or {@code drop}; {@code reject} when no rule covers it
 * @param verdict one sentence: {@code rule 2 accepts}, {@code rule 1 rejects: ORA-12529},
 *     {@code no rule: ORA-12529}
 * @param unresolved names that did not answer in time and were taken as unknown
 */
public record RuleCheck(String source, String destination, String service, int position, String rule,
        String action, String verdict, List<String> unresolved) {
}
