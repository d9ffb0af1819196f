package dev.tnsrelay.cluster;

import dev.tnsrelay.admin.AdminError;
import dev.tnsrelay.admin.Caller;
import dev.tnsrelay.admin.InstanceControl;
import dev.tnsrelay.admin.RuleListStore;
import dev.tnsrelay.config.CmanOra;
import dev.tnsrelay.config.CmanOraFile;
import dev.tnsrelay.gateway.EventLog;
import dev.tnsrelay.grid.GridMap;
import dev.tnsrelay.rules.Rule;
import dev.tnsrelay.rules.RuleList;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The instance's rule list, one for every node of the cluster: a versioned value in the grid, changed only by
 * compare-and-set from the version the change was made on. A change is checked once, on the node it is made on,
 * then offered to the grid; the other nodes apply it as it arrives (written to their cman.ora, given to their
 * gateways) and say so, and the change returns once every node has it, or after a second. Without a majority of
 * the configured members (one side of a network split), changes are refused.
 *
 * <p>Each node keeps the version it applies beside its state ({@code cluster/<instance>.rules}), so that after
 * the whole cluster stopped, the node with the latest version gives it to the others, whichever starts first.
 */
final class SharedRuleList implements RuleListStore, GridMap.Listener {

    static final String MAP = "tnsrelay.rules";
    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.cluster");

    private final GridMap map;
    private final String key;
    private final String node;
    private final InstanceControl instance;
    private final CmanOraFile config;
    private final Path versionFile;
    private final EventLog events;
    private final Clock clock;
    private final Membership members;
    private Versioned current;
    /** The grid's value that {@link #current} came from: what the next change must replace. */
    private String currentText;

    SharedRuleList(GridMap map, String instanceName, String node, InstanceControl instance, CmanOraFile config,
            Path stateFolder, EventLog events, Clock clock, Membership members) {
        this.map = map;
        this.key = instanceName.toLowerCase(java.util.Locale.ROOT);
        this.node = node;
        this.instance = instance;
        this.config = config;
        this.versionFile = stateFolder.resolve("cluster").resolve(key + ".rules");
        this.events = events;
        this.clock = clock;
        this.members = members;
    }

    /**
     * Before the gateways listen: takes the cluster's rule list (written to cman.ora when it differs from
     * {@code fromFile}), or gives the cluster this node's when the cluster has none or an older one.
     *
     * @return true when cman.ora was rewritten with the cluster's rules
     */
    synchronized boolean join(RuleList fromFile) {
        Versioned local = local(fromFile);
        for (int attempt = 0; attempt < 20; attempt++) {
            Optional<String> there = map.get(key);
            if (there.isEmpty()) {
                Versioned first = local.version() > 0 ? local
                        : new Versioned(1, fromFile.rules(), "cman.ora of " + node, clock.instant());
                String text = encode(first);
                if (map.putIfAbsent(key, text)) {
                    take(first, text);
                    LOG.log(Level.INFO, "tnsrelay: the cluster''s rule list is this node''s cman.ora, version {0}",
                            first.version());
                    return false;
                }
                continue;
            }
            Versioned cluster = decode(there.get());
            if (cluster.version() >= local.version()) {
                boolean differs = !texts(cluster.rules()).equals(texts(fromFile.rules()));
                if (differs) {
                    config.saveRules(new RuleList(cluster.rules()));
                    LOG.log(Level.INFO, "tnsrelay: rule list version {0} (by {1}) taken from the cluster and written"
                            + " to {2} before listening (this node had version {3})", cluster.version(),
                            cluster.changedBy(), config.path(), local.version());
                    events.add("cluster", "rule list version " + cluster.version() + " taken from the cluster at"
                            + " start (this node had version " + local.version() + ")");
                }
                take(cluster, there.get());
                return differs;
            }
            String text = encode(local);
            if (map.replace(key, there.get(), text)) { // the whole cluster restarted, and this node has the latest
                take(local, text);
                LOG.log(Level.INFO, "tnsrelay: this node''s rule list version {0} is newer than the cluster''s {1}:"
                        + " the cluster takes it", local.version(), cluster.version());
                return false;
            }
        }
        throw new IllegalStateException("the cluster's rule list kept changing while this node joined");
    }

    @Override
    public synchronized Versioned current() {
        if (current == null) {
            throw new IllegalStateException("the node has not joined the cluster yet");
        }
        return current;
    }

    @Override
    public long replace(long basedOn, RuleList next, Caller who) {
        members.noQuorum().ifPresent(why -> {
            throw AdminError.NO_QUORUM.exception(why);
        });
        Versioned made;
        synchronized (this) {
            if (basedOn != current().version()) {
                throw RuleListStore.conflict(current, basedOn);
            }
            config.checkRules(next);
            made = new Versioned(current.version() + 1, next.rules(), who.name() + " on " + node, clock.instant());
            String text = encode(made);
            if (!map.replace(key, currentText, text)) {
                Optional<String> there = map.get(key);
                Versioned newer = there.map(this::decode).orElse(current);
                there.filter(t -> newer.version() > current.version()).ifPresent(t -> apply(newer, t));
                throw RuleListStore.conflict(newer, basedOn);
            }
            apply(made, text);
        }
        members.nudge();
        members.awaitRules(made.version());
        return made.version();
    }

    @Override
    public void reloaded(RuleList fromFile, Caller who) {
        Versioned now = current();
        if (texts(now.rules()).equals(texts(fromFile.rules()))) {
            return;
        }
        try {
            replace(now.version(), fromFile, who);
        } catch (RuntimeException e) {
            reloadEngine(new RuleList(current().rules())); // the gateways keep the cluster's rules
            throw e;
        }
    }

    /** A change from the grid: a later version is applied, an earlier or the same one is not news. */
    @Override
    public void changed(String changedKey, Optional<String> value) {
        if (!changedKey.equals(key) || value.isEmpty()) {
            return; // a removal: every node keeps its copy, and the next change or join puts it back
        }
        synchronized (this) {
            if (currentText == null) {
                return; // not joined yet: join() reads the grid itself
            }
            Versioned v = decode(value.get());
            if (v.version() <= current.version()) {
                return;
            }
            apply(v, value.get());
        }
        members.nudge();
    }

    /**
     * After the members changed (a split healed, a node came back): when the grid's list is not this node's, the
     * later version is kept everywhere; what is dropped is said in the log and the events, never silently.
     */
    void reconcile() {
        synchronized (this) {
            if (currentText == null) {
                return;
            }
            Optional<String> there = map.get(key);
            if (there.isEmpty()) {
                map.putIfAbsent(key, currentText);
                return;
            }
            if (there.get().equals(currentText)) {
                return;
            }
            Versioned cluster = decode(there.get());
            if (cluster.version() > current.version()) {
                apply(cluster, there.get()); // a change this node missed
            } else if (cluster.version() == current.version()) {
                dropped(current, cluster);
                apply(cluster, there.get());
            } else if (map.replace(key, there.get(), currentText)) {
                dropped(cluster, current);
            } else {
                return; // changed meanwhile: the listener brings it
            }
        }
        members.nudge();
    }

    /** Two sides of a split changed the list: the one not kept is said, with its rules. */
    private void dropped(Versioned lost, Versioned kept) {
        String what = "rule list version " + lost.version() + " by " + lost.changedBy() + " " + texts(lost.rules());
        LOG.log(Level.WARNING, "tnsrelay: after the cluster''s members changed, {0} is dropped; version {1} by {2} is"
                + " kept", what, kept.version(), kept.changedBy());
        events.add("cluster", "after the members changed, dropped " + what + "; kept version " + kept.version()
                + " by " + kept.changedBy());
    }

    private void apply(Versioned v, String text) {
        RuleList rules = new RuleList(v.rules());
        try {
            rules = config.saveRules(rules);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "tnsrelay: rule list version " + v.version() + " is applied but could not be written"
                    + " to " + config.path() + ": " + e.getMessage());
            events.add("cluster", "rule list version " + v.version() + " not written to cman.ora: " + e.getMessage());
        }
        take(v, text);
        reloadEngine(rules);
        LOG.log(Level.INFO, "tnsrelay: rule list version {0} by {1} applied ({2} rules)", v.version(), v.changedBy(),
                v.rules().size());
        events.add("cluster", "rule list version " + v.version() + " by " + v.changedBy() + " applied");
    }

    private void reloadEngine(RuleList rules) {
        try {
            instance.engine().reload(rules);
        } catch (IllegalStateException notStarted) {
            // the engine starts from cman.ora, which holds them
        }
    }

    private void take(Versioned v, String text) {
        current = v;
        currentText = text;
        try {
            Files.createDirectories(versionFile.getParent());
            Path temp = Files.createTempFile(versionFile.getParent(), ".rules", ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, versionFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "tnsrelay: cannot keep the rule list version in {0}: {1}", versionFile,
                    e.getMessage());
        }
    }

    /** The version this node last applied, with the rules its cman.ora holds now (edited by hand: one more). */
    private Versioned local(RuleList fromFile) {
        if (!Files.isRegularFile(versionFile)) {
            return new Versioned(0, fromFile.rules(), "cman.ora of " + node, null);
        }
        try {
            Versioned kept = decode(Files.readString(versionFile, StandardCharsets.UTF_8));
            return texts(kept.rules()).equals(texts(fromFile.rules()))
                    ? new Versioned(kept.version(), fromFile.rules(), kept.changedBy(), kept.changedAt())
                    : new Versioned(kept.version() + 1, fromFile.rules(), "cman.ora of " + node + " (edited by hand)",
                            clock.instant());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "tnsrelay: {0} does not read ({1}): this node''s rules count as new", versionFile,
                    e.getMessage());
            return new Versioned(0, fromFile.rules(), "cman.ora of " + node, null);
        }
    }

    static String encode(Versioned v) {
        GridText t = new GridText().add("version", v.version()).add("by", v.changedBy())
                .add("at", v.changedAt() == null ? "" : v.changedAt().toString());
        v.rules().forEach(r -> t.add("rule", r.text()));
        return t.toString();
    }

    Versioned decode(String text) {
        GridText t = GridText.parse(text);
        long version = t.number("version");
        List<Rule> rules = new ArrayList<>();
        List<List<String>> texts = t.all("rule");
        for (int i = 0; i < texts.size(); i++) {
            rules.add(CmanOra.rule(texts.get(i).get(0), "rule " + (i + 1) + " of the cluster's version " + version));
        }
        String at = t.get("at").orElse("");
        return new Versioned(version, rules, t.get("by").orElse("?"), at.isEmpty() ? null : Instant.parse(at));
    }

    private static List<String> texts(List<Rule> rules) {
        return rules.stream().map(Rule::text).toList();
    }
}
