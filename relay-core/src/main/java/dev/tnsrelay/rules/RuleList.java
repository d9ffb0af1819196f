package dev.tnsrelay.rules;

import java.util.List;

/**
 * The ordered rules of an instance. Evaluation is first match; no match means reject: what is not expressly
 * permitted is prohibited, as Connection Manager does.
 */
public record RuleList(List<Rule> rules) {

    public RuleList {
        rules = List.copyOf(rules);
    }

    public static final RuleList EMPTY = new RuleList(List.of());
}
