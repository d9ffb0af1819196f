package dev.tnsrelay.admin;

import dev.tnsrelay.config.CmanOra;
import dev.tnsrelay.config.CmanOraFile;
import dev.tnsrelay.config.CmanParameter;
import dev.tnsrelay.gateway.Event;
import dev.tnsrelay.gateway.GatewayInfo;
import dev.tnsrelay.gateway.RelayEngine;
import dev.tnsrelay.gateway.SessionFilter;
import dev.tnsrelay.gateway.SessionInfo;
import dev.tnsrelay.naming.Resolution;
import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.net.NvPrinter;
import dev.tnsrelay.rules.Rule;
import dev.tnsrelay.rules.RuleList;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The one admin model of a running instance: what the command line, the REST API, the screens and JMX show
 * and change. Every change names who asks for it and is written to the {@link AuditLog}, whether it works or
 * not. Rule list changes are checked whole before anything applies, written to cman.ora, then given to the
 * gateways in one step: new connections meet the new list, established sessions are left alone.
 */
public final class Administration {

    private final RelayEngine engine;
    private final CmanOraFile config;
    private final AuditLog audit;
    private final Function<String, Resolution> resolver;
    private final Cmctl cmctl;
    /** Rule edits and RELOAD read, change and write the rule list: one at a time. */
    private final Object changes = new Object();

    public Administration(RelayEngine engine, CmanOraFile config, AuditLog audit,
            Function<String, Resolution> resolver) {
        this.engine = engine;
        this.config = config;
        this.audit = audit;
        this.resolver = resolver;
        this.cmctl = new Cmctl(engine, config::reread);
    }

    public String instanceName() {
        return engine.name();
    }

    // ---- cmctl, as text

    /** A cmctl command line, answered in cmctl's layout; anything but SHOW is a change, and audited. */
    public String cmctl(String who, String line) {
        CmctlCommand c = CmctlCommand.parse(line);
        if (c.verb() == CmctlCommand.Verb.SHOW) {
            return cmctl.run(c);
        }
        return change(who, line.strip().replaceAll("\\s+", " "), () -> cmctl.run(c));
    }

    // ---- what is there

    public Views.Status status() {
        List<GatewayInfo> g = engine.gateways();
        Instant started = engine.startedAt();
        return new Views.Status(engine.name(), Cmctl.version(), started,
                Duration.between(started, Instant.now()).toSeconds(), g.size(),
                g.stream().mapToInt(GatewayInfo::active).average().orElse(0),
                engine.parameters().text(CmanParameter.LOG_LEVEL), engine.parameters().text(CmanParameter.TRACE_LEVEL),
                engine.configSource(), config.path().toString(),
                engine.listenAddresses().stream().map(a -> a.getAddress().getHostAddress() + ":" + a.getPort()).toList());
    }

    public List<Views.Gateway> gateways() {
        return engine.gateways().stream().map(g -> new Views.Gateway(g.id(), g.state(), g.active(), g.peak(),
                g.total(), g.refused())).toList();
    }

    /** @param filter cmctl's filter words ({@code in established from 10.0.0.0/8 …}), or ids; blank for all */
    public List<Views.Connection> connections(String filter) {
        Instant now = Instant.now();
        return engine.sessions(filter(filter).predicate(now)).stream().map(s -> connection(s, now)).toList();
    }

    private static Views.Connection connection(SessionInfo s, Instant now) {
        return new Views.Connection(s.id(), s.client(), s.server(), s.service(), s.gateway(),
                s.state().name().toLowerCase(Locale.ROOT), s.start(), Duration.between(s.start(), now).toSeconds(),
                s.idle().toSeconds(), s.bytesIn(), s.bytesOut());
    }

    public List<Views.RuleRow> rules() {
        List<Rule> rules = engine.rules().rules();
        List<Views.RuleRow> rows = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            rows.add(new Views.RuleRow(i + 1, r.text(), r.source().toString(), r.destination().toString(),
                    r.service(), r.action().name().toLowerCase(Locale.ROOT)));
        }
        return rows;
    }

    /** Where rule changes are kept. */
    public String rulesFile() {
        return config.path().toString();
    }

    public List<Views.Parameter> parameters() {
        List<Views.Parameter> out = new ArrayList<>();
        engine.parameters().asMap().forEach((p, v) -> out.add(new Views.Parameter(p.name(),
                engine.parameters().text(p), p.write(p.defaultValue()), p.settable(), p.description())));
        return out;
    }

    public List<Views.Service> services() {
        return engine.registry().snapshot().stream().map(s -> new Views.Service(s.service(), s.refused(),
                s.instances().stream().map(i -> new Views.ServiceInstance(i.instance(), i.node(),
                        i.handlers().stream().map(h -> new Views.ServiceHandler(h.handler().id(),
                                h.handler().address().toString(), h.handler().server().name().toLowerCase(Locale.ROOT),
                                h.handler().state().name(), h.handler().load(), h.handler().maxLoad(), h.active(),
                                h.established(), h.healthy())).toList())).toList())).toList();
    }

    /** The events after {@code after} (0: all kept), at most {@code limit} of the newest. */
    public List<Event> events(long after, int limit) {
        return engine.events().since(after, limit);
    }

    /** What a connect identifier resolves to with this server's naming files (tnsnames, LDAP, Easy Connect). */
    public Views.Resolved resolve(String identifier) {
        Resolution r = resolver.apply(identifier);
        return new Views.Resolved(identifier, r.method() == null ? "DESCRIPTOR" : r.method().name(), r.source(),
                NvPrinter.pretty(r.descriptor().nv()));
    }

    // ---- changes

    public int close(String who, String filter) {
        SessionFilter f = filter(filter);
        return change(who, ("close connections " + filter).strip(), () -> {
            int n = engine.close(f.predicate(Instant.now()));
            if (n == 0) {
                throw new CmctlException("TNS-04049: Specified connections do not exist");
            }
            return n;
        });
    }

    public void suspend(String who, int gateway) {
        cmctl(who, "suspend gateway " + gateway);
    }

    public void resume(String who, int gateway) {
        cmctl(who, "resume gateway " + gateway);
    }

    public void set(String who, String parameter, String value) {
        if (value.isBlank() || value.chars().anyMatch(Character::isWhitespace)) {
            throw new CmctlException("TNS-04014: set " + parameter + ": the value is one word");
        }
        cmctl(who, "set " + parameter + " " + value);
    }

    public void reload(String who) {
        cmctl(who, "reload");
    }

    public void shutdown(String who, boolean abort) {
        cmctl(who, "shutdown " + (abort ? "abort" : "normal"));
    }

    /** Appends a rule (it is tried last). */
    public List<Views.RuleRow> addRule(String who, String rule) {
        return editRules(who, "rule add " + rule, rules -> rules.add(parse(rule, 1)));
    }

    /** Puts a rule at {@code position} (1 is tried first); the rules from there move down one. */
    public List<Views.RuleRow> insertRule(String who, int position, String rule) {
        return editRules(who, "rule insert " + position + " " + rule, rules -> {
            checkPosition(position, rules.size() + 1);
            rules.add(position - 1, parse(rule, 1));
        });
    }

    public List<Views.RuleRow> removeRule(String who, int position) {
        return editRules(who, "rule remove " + position, rules -> {
            checkPosition(position, rules.size());
            rules.remove(position - 1);
        });
    }

    public List<Views.RuleRow> moveRule(String who, int from, int to) {
        return editRules(who, "rule move " + from + " to " + to, rules -> {
            checkPosition(from, rules.size());
            checkPosition(to, rules.size());
            rules.add(to - 1, rules.remove(from - 1));
        });
    }

    /** The whole list at once; a rule that does not read is reported by its number and column. */
    public List<Views.RuleRow> replaceRules(String who, List<String> texts) {
        return editRules(who, "rule replace " + texts.size() + " rules " + String.join(" ", texts), rules -> {
            List<Rule> parsed = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                parsed.add(parse(texts.get(i), i + 1));
            }
            rules.clear();
            rules.addAll(parsed);
        });
    }

    private List<Views.RuleRow> editRules(String who, String what, java.util.function.Consumer<List<Rule>> edit) {
        return change(who, what, () -> {
            List<Rule> rules = new ArrayList<>(engine.rules().rules());
            edit.accept(rules);
            engine.reload(config.saveRules(new RuleList(rules)));
            return rules();
        });
    }

    private static Rule parse(String text, int number) {
        return CmanOra.rule(text == null ? "" : text.strip(), "rule " + number);
    }

    private static void checkPosition(int position, int last) {
        if (position < 1 || position > last) {
            throw new CmctlException("TNS-04014: rule position " + position + " is not between 1 and " + last);
        }
    }

    private static SessionFilter filter(String words) {
        return words == null || words.isBlank() ? SessionFilter.ALL
                : CmctlCommand.parse("show connections " + words).filter();
    }

    private <T> T change(String who, String what, java.util.function.Supplier<T> action) {
        synchronized (changes) {
            try {
                T result = action.get();
                audit.record(who, what, "done");
                return result;
            } catch (RuntimeException e) {
                audit.record(who, what, "failed: " + e.getMessage());
                throw e;
            }
        }
    }

    /** A login to the screens, good or not: the audit log says who tried from where. */
    public void recordLogin(String who, String from, boolean accepted) {
        audit.record(who.isEmpty() ? "(none)" : who, "login from " + from, accepted ? "done" : "failed: wrong user or password");
    }

    /** The errors an administrator can cause, for the surfaces to answer with. */
    public static boolean isUserError(RuntimeException e) {
        return e instanceof CmctlException || e instanceof NetParseException || e instanceof IllegalArgumentException;
    }
}
