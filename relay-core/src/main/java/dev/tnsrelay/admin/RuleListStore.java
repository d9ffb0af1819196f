package dev.tnsrelay.admin;

import dev.tnsrelay.rules.Rule;
import dev.tnsrelay.rules.RuleList;
import java.time.Instant;
import java.util.List;

/**
 * Where the instance's rule list is kept and changed, with a version that every change moves on by one: this
 * server alone ({@link LocalRuleList}), or every server of a cluster at once. A change names the version it was
 * made from; when the list has moved on since, it is refused (compare-and-set), never made on top of a list the
 * administrator did not see.
 */
public interface RuleListStore {

    /** The list and its version, as one. */
    Versioned current();

    /**
     * Makes {@code next} the rule list in place of version {@code basedOn}: written to cman.ora and given to the
     * gateways (new connections meet it; established sessions are left alone).
     *
     * @return the new version
     * @throws AdminException CONFLICT when the list is no longer at {@code basedOn}
     */
    long replace(long basedOn, RuleList next, Caller who);

    /** RELOAD read cman.ora again and gave its rules to the gateways: they are the list's next version. */
    void reloaded(RuleList fromFile, Caller who);

    /**
     * A rule list at a version.
     *
     * @param changedBy who made this version (and where, in a cluster); {@code cman.ora} for the file's own
     * @param changedAt when; null for the list the instance started with
     */
    record Versioned(long version, List<Rule> rules, String changedBy, Instant changedAt) {
        public Versioned {
            rules = List.copyOf(rules);
        }
    }

    /** The refusal of a change made from {@code basedOn} while the list is at {@code now}. */
    static AdminException conflict(Versioned now, long basedOn) {
        return AdminError.CONFLICT.exception("the rule list is at version " + now.version() + " (made by "
                + now.changedBy() + (now.changedAt() == null ? "" : " at " + now.changedAt()) + "), not at version "
                + basedOn + " that this change was made from; nothing was changed: read the rules again and make the"
                + " change on them");
    }
}
