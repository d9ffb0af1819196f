package dev.tnsrelay.admin;

import dev.tnsrelay.config.CmanOraFile;
import dev.tnsrelay.rules.RuleList;
import java.time.Clock;

/** The rule list of an instance that runs alone: its version counts the changes since the instance started. */
final class LocalRuleList implements RuleListStore {

    private final InstanceControl instance;
    private final CmanOraFile config;
    private final Clock clock;
    private Versioned at;

    LocalRuleList(InstanceControl instance, CmanOraFile config, Clock clock) {
        this.instance = instance;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public synchronized Versioned current() {
        RuleList now = instance.engine().rules();
        if (at == null) {
            at = new Versioned(1, now.rules(), "cman.ora", null);
        }
        return new Versioned(at.version(), now.rules(), at.changedBy(), at.changedAt());
    }

    @Override
    public synchronized long replace(long basedOn, RuleList next, Caller who) {
        Versioned now = current();
        if (basedOn != now.version()) {
            throw RuleListStore.conflict(now, basedOn);
        }
        instance.engine().reload(config.saveRules(next));
        at = new Versioned(now.version() + 1, next.rules(), who.name(), clock.instant());
        return at.version();
    }

    @Override
    public synchronized void reloaded(RuleList fromFile, Caller who) {
        Versioned now = current();
        at = new Versioned(now.version() + 1, fromFile.rules(), who.name() + " (reload of cman.ora)", clock.instant());
    }
}
