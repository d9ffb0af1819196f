package dev.tnsrelay.admin;

import dev.tnsrelay.config.CmanOra;
import dev.tnsrelay.rules.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * One change of the rule list, typed: what the screens, REST, JMX and the command line ask for. It is applied to
 * the list as it is at a version ({@link Administration#editRules}), so that a change made from a list that
 * another administrator has changed since is refused rather than made on top of a list nobody saw.
 */
public sealed interface RuleEdit {

    /** The change as the audit log writes it. */
    String what();

    /** Makes the change on {@code rules}; a rule that does not read, or a position out of range, is refused. */
    void applyTo(List<Rule> rules);

    /** Appends a rule: it is tried last. */
    static RuleEdit add(String rule) {
        return new Add(rule);
    }

    /** Puts a rule at {@code position} (1 is tried first); the rules from there move down one. */
    static RuleEdit insert(int position, String rule) {
        return new Insert(position, rule);
    }

    static RuleEdit remove(int position) {
        return new Remove(position);
    }

    static RuleEdit move(int from, int to) {
        return new Move(from, to);
    }

    /** The whole list at once; a rule that does not read is reported by its number and column. */
    static RuleEdit replace(List<String> rules) {
        return new Replace(List.copyOf(rules));
    }

    record Add(String rule) implements RuleEdit {
        @Override
        public String what() {
            return "rule add " + rule;
        }

        @Override
        public void applyTo(List<Rule> rules) {
            rules.add(parse(rule, 1));
        }
    }

    record Insert(int position, String rule) implements RuleEdit {
        @Override
        public String what() {
            return "rule insert " + position + " " + rule;
        }

        @Override
        public void applyTo(List<Rule> rules) {
            checkPosition(position, rules.size() + 1);
            rules.add(position - 1, parse(rule, 1));
        }
    }

    record Remove(int position) implements RuleEdit {
        @Override
        public String what() {
            return "rule remove " + position;
        }

        @Override
        public void applyTo(List<Rule> rules) {
            checkPosition(position, rules.size());
            rules.remove(position - 1);
        }
    }

    record Move(int from, int to) implements RuleEdit {
        @Override
        public String what() {
            return "rule move " + from + " to " + to;
        }

        @Override
        public void applyTo(List<Rule> rules) {
            checkPosition(from, rules.size());
            checkPosition(to, rules.size());
            rules.add(to - 1, rules.remove(from - 1));
        }
    }

    record Replace(List<String> texts) implements RuleEdit {
        @Override
        public String what() {
            return "rule replace " + texts.size() + " rules " + String.join(" ", texts);
        }

        @Override
        public void applyTo(List<Rule> rules) {
            List<Rule> parsed = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                parsed.add(parse(texts.get(i), i + 1));
            }
            rules.clear();
            rules.addAll(parsed);
        }
    }

    private static Rule parse(String text, int number) {
        return CmanOra.rule(text == null ? "" : text.strip(), "rule " + number);
    }

    private static void checkPosition(int position, int last) {
        if (position < 1 || position > last) {
            throw AdminError.INVALID.exception("rule position " + position + " is not between 1 and " + last);
        }
    }
}
