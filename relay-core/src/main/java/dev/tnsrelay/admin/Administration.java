package dev.tnsrelay.admin;

import dev.tnsrelay.admin.users.Role;
import dev.tnsrelay.admin.stats.Chart;
import dev.tnsrelay.admin.stats.Rates;
import dev.tnsrelay.admin.stats.Statistics;
import dev.tnsrelay.admin.users.Users;
import dev.tnsrelay.config.CmanOra;
import dev.tnsrelay.config.CmanOraFile;
import dev.tnsrelay.config.CmanParameter;
import dev.tnsrelay.gateway.EngineState;
import dev.tnsrelay.gateway.Event;
import dev.tnsrelay.gateway.GatewayInfo;
import dev.tnsrelay.gateway.RelayEngine;
import dev.tnsrelay.naming.Resolution;
import dev.tnsrelay.registry.Registration;
import dev.tnsrelay.registry.RegistrationRefusedException;
import dev.tnsrelay.rules.Rule;
import dev.tnsrelay.rules.RuleList;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The one admin model of an instance: what the command line, the REST API, the screens and JMX show and change,
 * as typed operations. Each takes the {@link Caller} and checks the role itself: a MONITOR looks, an ADMIN also
 * changes. Every change (and every refused one) is written to the {@link AuditLog} with who asked. Rule list
 * changes are checked whole, written to cman.ora, then given to the gateways in one step: new connections meet
 * the new list, established sessions are left alone; the list has a version, and a change made from a version it
 * has moved on from is refused ({@link RuleListStore}: this server's, or the cluster's). set, reload, suspend,
 * resume, close and shutdown need a started instance (TNS-04011); startup builds a new engine after a shutdown.
 * The cluster's views and actions are {@link #cluster()}'s.
 */
public final class Administration {

    private final InstanceControl instance;
    private final CmanOraFile config;
    private final AuditLog audit;
    private final Users users;
    private final Function<String, Resolution> resolver;
    private final Clock clock;
    private final AdminSessions sessions;
    private final LoginGuard guard;
    private final AdminHosts hosts;
    /** The users file as last seen by a login: when it changes, every wait and lockout is lifted. */
    private long usersSeen = Long.MIN_VALUE;
    private final Statistics statistics;
    /** Where the rule tester's name lookups run, each bounded. */
    private final Executor lookups;
    private final RuleListStore ruleList;
    private final ClusterAdministration cluster;
    /** How long a shutdown abort waits for the gateways to close their sockets. */
    private static final Duration ABORT_WAIT = Duration.ofSeconds(10);
    /** Changes read, change and write the rule list or the engine: one at a time. */
    private final Object changes = new Object();

    /**
     * @param hosts the names the admin doors answer to besides loopback's
     * @param statistics the instance's statistics (listening to every engine it starts)
     * @param lookups threads for the rule tester's host name lookups
     * @param ruleList keeps the rule list: null for this server's own (cman.ora), else the cluster's shared one
     * @param cluster the cluster this instance belongs to ({@link ClusterControl#ALONE}: none)
     */
    public Administration(InstanceControl instance, CmanOraFile config, AuditLog audit, Users users,
            Function<String, Resolution> resolver, Clock clock, AdminHosts hosts, Statistics statistics,
            Executor lookups, RuleListStore ruleList, ClusterControl cluster) {
        this.instance = instance;
        this.hosts = hosts;
        this.guard = new LoginGuard(clock);
        this.statistics = statistics;
        this.lookups = lookups;
        this.config = config;
        this.audit = audit;
        this.users = users;
        this.resolver = resolver;
        this.clock = clock;
        this.sessions = new AdminSessions(() -> engine().parameters().number(CmanParameter.MAX_CMCTL_SESSIONS), clock);
        this.ruleList = ruleList != null ? ruleList : new LocalRuleList(instance, config, clock);
        this.cluster = new ClusterAdministration(this, cluster, audit);
    }

    /** The cluster this instance belongs to: its members, and the connections and actions of any node. */
    public ClusterAdministration cluster() {
        return cluster;
    }

    private RelayEngine engine() {
        return instance.engine();
    }

    public String instanceName() {
        return engine().name();
    }

    public static String version() {
        String v = Administration.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    // ---- who

    /**
     * The caller whose name and password are right, whatever the door. Attempts are slowed per user name and per
     * address ({@link LoginGuard}); every failure is written to the audit log with the door and the address (a run
     * of refusals while waiting as its first line and a count).
     *
     * @param door where the attempt came in: {@code screens}, {@code HTTP Basic}, {@code JMX}
     * @param from the client's address
     * @throws LoginThrottledException when the name or the address must wait; the password is not checked
     * @throws AdminException DENIED for a wrong name or password (unknown user and wrong password alike)
     */
    public Caller authenticate(String name, char[] password, String door, String from) {
        String who = name.isEmpty() ? "(none)" : name;
        String what = "login from " + from + " (" + door + ")";
        liftWaitsIfUsersChanged();
        String key = name.length() > Users.MAX_NAME ? name.substring(0, Users.MAX_NAME + 1) : name;
        LoginGuard.Verdict verdict = guard.attempt(key, from);
        if (verdict instanceof LoginGuard.Refused r) {
            if (r.first()) {
                audit.login(who, what, "refused unchecked: too many failed logins for this user or from this address;"
                        + " next check in " + r.retryAfter().toSeconds() + " s (until then refusals are counted, not"
                        + " written)");
            }
            throw new LoginThrottledException(r.retryAfter());
        }
        long unwritten = ((LoginGuard.Admitted) verdict).unwritten();
        if (unwritten > 0) {
            audit.login(who, what, "refused unchecked " + unwritten + " more times while waiting");
        }
        Optional<Role> role = Optional.empty();
        try {
            role = users.check(name, password);
        } finally {
            guard.done(key, from, role.isPresent());
        }
        if (role.isEmpty()) {
            audit.login(who, what, "failed: wrong user or password");
            throw AdminError.DENIED.exception("user name or password is wrong");
        }
        return new Caller(name, role.get());
    }

    private void liftWaitsIfUsersChanged() {
        long now = users.version();
        synchronized (guard) {
            if (now != usersSeen) {
                if (usersSeen != Long.MIN_VALUE) {
                    guard.reset();
                }
                usersSeen = now;
            }
        }
    }

    /**
     * A screen login: checks the password ({@link #authenticate}), opens an administration session and writes the
     * attempt, good or not, to the audit log.
     *
     * @throws AdminException DENIED for a wrong name or password, THROTTLED ({@link LoginThrottledException}) while
     *         the name or address must wait, TOO_MANY_SESSIONS at MAX_CMCTL_SESSIONS
     */
    public AdminSession login(String name, char[] password, String from) {
        Caller caller = authenticate(name, password, "screens", from);
        String what = "login from " + from + " (screens)";
        try {
            AdminSession s = sessions.open(caller, "screens from " + from);
            audit.login(caller.name(), what, "done");
            return s;
        } catch (AdminException e) {
            audit.login(caller.name(), what, "failed: " + e.getMessage());
            throw e;
        }
    }

    /**
     * Whether a request's Host header names this server as the administrator configured it (loopback names
     * always): a page of another site whose name was rebound to this address names its own host, and is refused.
     */
    public boolean servesHost(String hostHeader) {
        return hosts.allows(hostHeader);
    }

    /**
     * Writes a call a door refused before it reached the model (a remote JMX call on a platform MBean) to the
     * audit log, as the model's own refusals are.
     */
    public void refused(Caller caller, String what, String why) {
        audit.record(caller.name(), what, "refused: " + why);
    }

    /**
     * An administration session for an authenticated caller (a JMX connection, a command-line request).
     *
     * @throws AdminException TOO_MANY_SESSIONS at MAX_CMCTL_SESSIONS
     */
    public AdminSession openSession(Caller caller, String door) {
        return sessions.open(caller, door);
    }

    /** The open session of that id; empty once it is closed (or made by an earlier start of the instance). */
    public Optional<AdminSession> session(String id) {
        return sessions.find(id);
    }

    /** The administration sessions open now. */
    public List<AdminSession> sessions(Caller caller) {
        looks(caller);
        return sessions.list();
    }

    /**
     * Lets a door check a change it cannot name as an operation of this model (a remote JMX call on an MBean
     * that is not tnsrelay's): the same rule, MONITOR looks and ADMIN changes.
     *
     * @throws AdminException DENIED for a MONITOR
     */
    public void checkChange(Caller caller, String what) {
        if (!caller.mayChange()) {
            throw AdminError.DENIED.exception(caller.name() + " has the monitor role: looking only (" + what + ")");
        }
    }

    static void looks(Caller caller) {
        if (caller == null) {
            throw AdminError.DENIED.exception("log in first");
        }
    }

    // ---- what is there

    public InstanceStatus status(Caller caller) {
        looks(caller);
        RelayEngine e = engine();
        EngineState state = stateOf(e);
        boolean up = state == EngineState.RUNNING || state == EngineState.DRAINING;
        List<GatewayInfo> g = up ? e.gateways() : List.of();
        Instant started = e.startedAt();
        var tls = e.tls();
        Instant now = clock.instant();
        return new InstanceStatus(e.name(), state.name(), version(), started,
                up && started != null ? Duration.between(started, now).toSeconds() : 0, g.size(),
                g.stream().mapToInt(GatewayInfo::active).average().orElse(0),
                e.parameters().text(CmanParameter.LOG_LEVEL), e.parameters().text(CmanParameter.TRACE_LEVEL),
                e.configSource(), config.path().toString(), state == EngineState.RUNNING
                        ? e.listenAddresses().stream().map(a -> Endpoints.address(a, e.tcpsAddresses().contains(a)))
                                .toList() : List.of(),
                state == EngineState.RUNNING ? e.tcpsAddresses().stream().map(a -> Endpoints.address(a, true)).toList()
                        : List.of(),
                tls == null ? "" : tls.provider(),
                tls == null ? List.of() : tls.certificates().stream().map(c -> new CertificateStatus(c.role(),
                        c.subject(), c.issuer(), c.notAfter(), Math.floorDiv(Duration.between(now, c.notAfter())
                                .toSeconds(), 86_400))).toList(),
                e.tlsFailures());
    }

    /** For a load balancer, unauthenticated: it listens and at least one gateway takes connections. */
    public Readiness readiness() {
        RelayEngine e = engine();
        EngineState state = stateOf(e);
        if (state != EngineState.RUNNING) {
            return new Readiness(false, state.name(), "the instance is " + state.name().toLowerCase(Locale.ROOT));
        }
        if (e.gateways().stream().allMatch(GatewayInfo::suspended)) {
            return new Readiness(false, state.name(), "every gateway is suspended");
        }
        return new Readiness(true, state.name(), "listening");
    }

    public List<GatewayStatus> gateways(Caller caller) {
        looks(caller);
        RelayEngine e = engine();
        EngineState state = stateOf(e);
        return e.gateways().stream().map(g -> new GatewayStatus(g.id(),
                state == EngineState.RUNNING ? g.state() : state.name(), g.active(), g.peak(), g.total(), g.refused()))
                .toList();
    }

    /** SHOW CONNECTIONS: this node's, or with a node filter another node's (every node's for {@code node *}). */
    public List<Connection> connections(Caller caller, ConnectionFilter filter) {
        looks(caller);
        if (filter.node().isPresent()) {
            return cluster.connections(caller, filter).stream().flatMap(n -> n.connections().stream()).toList();
        }
        return localConnections(caller, filter);
    }

    List<Connection> localConnections(Caller caller, ConnectionFilter filter) {
        looks(caller);
        Instant now = clock.instant();
        return engine().sessions(filter.at(now)).stream().map(s -> Connection.of(s, now)).toList();
    }

    /** SHOW BLOCKED (tnsrelay): the addresses the IP rate limit blocks now, soonest free first. */
    public List<Blocked> blocked(Caller caller) {
        looks(caller);
        Instant now = clock.instant();
        return engine().blocked().stream().map(b -> Blocked.of(b, now)).toList();
    }

    public List<RuleEntry> rules(Caller caller) {
        looks(caller);
        return rules();
    }

    /** The version of the rule list: every change moves it on by one (in a cluster, the cluster's version). */
    public long rulesVersion(Caller caller) {
        looks(caller);
        return ruleList.current().version();
    }

    private List<RuleEntry> rules() {
        List<Rule> rules = engine().rules().rules();
        List<RuleEntry> rows = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            rows.add(new RuleEntry(i + 1, r.text(), r.source().toString(), r.destination().toString(),
                    r.service(), r.action().name().toLowerCase(Locale.ROOT)));
        }
        return rows;
    }

    public List<ParameterValue> parameters(Caller caller) {
        looks(caller);
        var now = engine().parameters();
        List<ParameterValue> out = new ArrayList<>();
        now.asMap().forEach((p, v) -> out.add(new ParameterValue(p.name(), now.text(p), p.write(p.defaultValue()),
                p.settable(), p.description())));
        return out;
    }

    public List<ServiceStatus> services(Caller caller) {
        looks(caller);
        return ServiceStatus.of(engine().registry().snapshot());
    }

    /**
     * The events after {@code after} (0: all kept), at most {@code limit} of the newest, oldest first. Half the room
     * is kept for administrators' actions when there are that many: a flood of refusals or failed logins does not
     * hide them.
     */
    public List<AdminEvent> events(Caller caller, long after, int limit) {
        looks(caller);
        TreeMap<Long, Event> actions = new TreeMap<>();
        TreeMap<Long, Event> others = new TreeMap<>();
        for (Event e : engine().events().since(after, limit)) {
            (e.kind().equals("admin") ? actions : others).put(e.sequence(), e);
        }
        for (Event e : audit.actions(after)) {
            actions.put(e.sequence(), e);
        }
        int forActions = Math.min(actions.size(), Math.max(limit / 2, limit - others.size()));
        int forOthers = Math.min(others.size(), limit - forActions);
        TreeMap<Long, Event> shown = new TreeMap<>();
        actions.descendingMap().values().stream().limit(forActions).forEach(e -> shown.put(e.sequence(), e));
        others.descendingMap().values().stream().limit(forOthers).forEach(e -> shown.put(e.sequence(), e));
        return shown.values().stream().map(AdminEvent::of).toList();
    }

    /**
     * The instance's statistics, for Prometheus: counts and states only (no client's text), served without a login
     * on the server's loopback {@code /metrics}, as readiness is.
     */
    public Statistics statistics() {
        return statistics;
    }

    /** The last hour, sampled every few seconds, as rates per second: the dashboard's charts. */
    public Chart history(Caller caller) {
        looks(caller);
        return statistics.history();
    }

    /** What the instance did per second over the last sampling interval. */
    public Rates rates(Caller caller) {
        looks(caller);
        return statistics.rates();
    }

    /**
     * The rule tester: which rule of the live list would meet a connect from {@code source} (an address, or a name
     * whose first address is taken) to the next hop {@code destination} (as a client writes it) for
     * {@code service}, by the gateway's own evaluation ({@link RuleList#firstMatch}). Names are looked up here,
     * each within a few seconds; one that does not answer counts as unknown and is named in the answer.
     */
    public RuleCheck checkRule(Caller caller, String source, String destination, String service) {
        looks(caller);
        if (source.isBlank() || destination.isBlank() || service.isBlank()) {
            throw AdminError.INVALID.exception("show rules for <source> <destination> <service>");
        }
        HostLookup names = new HostLookup(lookups);
        InetAddress client = names.first(source.strip()).orElseThrow(() -> AdminError.INVALID.exception(
                "source " + source + " is no address and no host name that resolves"));
        RuleList rules = engine().rules();
        Optional<Rule> match = rules.firstMatch(client, destination.strip(), service.strip(), names);
        if (match.isEmpty()) {
            return new RuleCheck(source, destination, service, 0, "", "reject", "no rule: ORA-12529",
                    List.copyOf(names.timedOut()));
        }
        Rule r = match.get();
        int position = rules.rules().indexOf(r) + 1;
        String action = r.action().name().toLowerCase(Locale.ROOT);
        String verdict = "rule " + position + switch (r.action()) {
            case ACCEPT -> " accepts";
            case REJECT -> " rejects: ORA-12529";
            case DROP -> " drops (the client gets no answer)";
        };
        return new RuleCheck(source, destination, service, position, r.text(), action, verdict,
                List.copyOf(names.timedOut()));
    }

    /** What a connect identifier resolves to with this server's naming files (tnsnames, LDAP, Easy Connect). */
    public Resolved resolve(Caller caller, String identifier) {
        looks(caller);
        return Resolved.of(resolver.apply(identifier));
    }

    // ---- changes

    /**
     * CLOSE CONNECTIONS: the number closed; none matching is TNS-04049. Works while the instance drains too. With
     * a node filter, on that node (every node for {@code node *}).
     */
    public int close(Caller caller, ConnectionFilter filter) {
        if (filter.node().isPresent()) {
            return cluster.close(caller, filter);
        }
        return localClose(caller, filter);
    }

    int localClose(Caller caller, ConnectionFilter filter) {
        return change(caller, ("close connections " + filter.text()).strip(), () -> {
            RelayEngine e = started(EngineState.RUNNING, EngineState.DRAINING);
            int n = e.close(filter.at(clock.instant()));
            if (n == 0) {
                throw AdminError.NO_CONNECTIONS.exception();
            }
            return n;
        });
    }

    /**
     * UNBLOCK (tnsrelay): lifts the IP rate limit's block of one client address on every endpoint; its next
     * connection starts a new interval. An address that is not an IP literal, or is not blocked, is TNS-04014.
     */
    public void unblock(Caller caller, String address) {
        change(caller, "unblock " + address, () -> {
            java.net.InetAddress ip = dev.tnsrelay.net.IpLiteral.parse(address.strip()).orElseThrow(() ->
                    AdminError.INVALID.exception("'" + address + "' is not an IP address"));
            if (!engine().unblock(ip)) {
                throw AdminError.INVALID.exception(dev.tnsrelay.net.IpLiteral.text(ip) + " is not blocked");
            }
            return null;
        });
    }

    /** SUSPEND GATEWAY: these gateways (none: all) take no new connections; their sessions go on. */
    public void suspend(Caller caller, List<Integer> gateways) {
        onGateways(caller, "suspend", gateways, RelayEngine::suspend);
    }

    /** RESUME GATEWAY: these gateways (none: all) take connections again. */
    public void resume(Caller caller, List<Integer> gateways) {
        onGateways(caller, "resume", gateways, RelayEngine::resume);
    }

    private interface GatewayAction {
        void apply(RelayEngine engine, int id);
    }

    private void onGateways(Caller caller, String verb, List<Integer> ids, GatewayAction action) {
        String what = (verb + " gateway " + ids.stream().map(String::valueOf).collect(Collectors.joining(" "))).strip();
        change(caller, what, () -> {
            RelayEngine e = started(EngineState.RUNNING);
            List<Integer> which = ids.isEmpty() ? e.gateways().stream().map(GatewayInfo::id).toList() : ids;
            for (int id : which) {
                try {
                    action.apply(e, id);
                } catch (IllegalArgumentException x) {
                    throw AdminError.GATEWAYS.exception("Unable to " + verb + " at least one of the gateways: "
                            + x.getMessage());
                }
            }
            return null;
        });
    }

    /** SET: one parameter of the running instance, until the next reload or restart. */
    public void set(Caller caller, String parameter, String value) {
        change(caller, "set " + parameter + " " + value, () -> {
            if (value.isBlank() || value.chars().anyMatch(Character::isWhitespace)) {
                throw AdminError.INVALID.exception("set " + parameter + ": the value is one word");
            }
            CmanParameter p = CmanParameter.byName(parameter).orElseThrow(() ->
                    AdminError.INVALID.exception(parameter + " is not a parameter"));
            RelayEngine e = started(EngineState.RUNNING);
            String before = e.parameters().text(p);
            try {
                e.set(p, value);
            } catch (IllegalArgumentException x) {
                throw AdminError.INVALID.exception(p + ": " + x.getMessage());
            }
            followed(e, () -> e.set(p, before));
            return null;
        });
    }

    /** The instance's parts take the engine's new parameters; when one cannot, the change is undone. */
    private void followed(RelayEngine e, Runnable undo) {
        try {
            instance.parametersChanged(e.parameters());
        } catch (IOException x) {
            undo.run();
            throw AdminError.INVALID.exception(x.getMessage());
        }
    }

    /** SET EVENT: one group in or out of EVENT_GROUP, the others as they are. */
    public void setEvent(Caller caller, String group, boolean on) {
        change(caller, "set event " + group + " " + (on ? "on" : "off"), () -> {
            RelayEngine e = started(EngineState.RUNNING);
            List<String> groups = new ArrayList<>(e.parameters().list(CmanParameter.EVENT_GROUP));
            groups.remove(group);
            if (on) {
                groups.add(group);
            }
            String before = e.parameters().text(CmanParameter.EVENT_GROUP);
            try {
                CmanParameter.EVENT_GROUP.requireOffered(group);
                e.set(CmanParameter.EVENT_GROUP, String.join(",", groups));
            } catch (IllegalArgumentException x) {
                throw AdminError.INVALID.exception("event " + group + ": " + x.getMessage());
            }
            followed(e, () -> e.set(CmanParameter.EVENT_GROUP, before));
            return null;
        });
    }

    /** RELOAD: cman.ora read again; established sessions are left alone, earlier SETs are undone. */
    public void reload(Caller caller) {
        change(caller, "reload", () -> {
            RelayEngine e = started(EngineState.RUNNING);
            e.reload(config.reread());
            ruleList.reloaded(e.rules(), caller);
            try {
                instance.parametersChanged(e.parameters());
            } catch (IOException x) {
                throw AdminError.INVALID.exception("reloaded, but " + x.getMessage());
            }
            return null;
        });
    }

    /** SHUTDOWN NORMAL (no new connections; ends with its last session) or ABORT (every session closed now). */
    public void shutdown(Caller caller, boolean abort) {
        change(caller, "shutdown " + (abort ? "abort" : "normal"), () -> {
            RelayEngine e = started(EngineState.RUNNING, EngineState.DRAINING);
            if (!abort) {
                e.shutdownNormal();
                return null;
            }
            e.shutdownAbort();
            try { // an abort is done when the sockets are closed, so that a startup may follow at once
                if (!e.awaitTermination(ABORT_WAIT)) {
                    throw new IllegalStateException("the gateways did not stop within " + ABORT_WAIT.toSeconds() + " s");
                }
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
    }

    /** STARTUP after a shutdown: a new engine from cman.ora as it is now, on the same registry and events. */
    public void startup(Caller caller) {
        change(caller, "startup", () -> {
            EngineState state = stateOf(engine());
            if (state == EngineState.RUNNING || state == EngineState.STARTING) {
                throw AdminError.ALREADY_STARTED.exception(engine().name());
            }
            if (state == EngineState.DRAINING) {
                throw AdminError.ALREADY_STARTED.exception(engine().name() + " is draining after shutdown normal;"
                        + " wait for its last session or shutdown abort, then startup");
            }
            try {
                instance.startup();
            } catch (IOException | RuntimeException x) {
                throw AdminError.START_FAILED.exception(x.getMessage());
            }
            return null;
        });
    }

    /** The running engine, or TNS-04011 with the state it is in. */
    private RelayEngine started(EngineState... allowed) {
        RelayEngine e = engine();
        EngineState state = stateOf(e);
        for (EngineState s : allowed) {
            if (state == s) {
                return e;
            }
        }
        throw AdminError.NOT_STARTED.exception(e.name() + " is " + state.name().toLowerCase(Locale.ROOT)
                + (state == EngineState.DRAINING ? " after shutdown normal" : "; startup starts it"));
    }

    /**
     * The engine's state, a draining engine whose loops have all ended being stopped: the engine says STOPPED a
     * moment after its last loop has finished, and an administrator's next command must not fall in between.
     */
    private static EngineState stateOf(RelayEngine e) {
        EngineState s = e.state();
        try {
            return s == EngineState.DRAINING && e.awaitTermination(Duration.ZERO) ? EngineState.STOPPED : s;
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            return s;
        }
    }

    /** Appends a rule (it is tried last). Rule changes are kept in cman.ora, started or not. */
    public List<RuleEntry> addRule(Caller caller, String rule) {
        return editRules(caller, OptionalLong.empty(), RuleEdit.add(rule));
    }

    /** Puts a rule at {@code position} (1 is tried first); the rules from there move down one. */
    public List<RuleEntry> insertRule(Caller caller, int position, String rule) {
        return editRules(caller, OptionalLong.empty(), RuleEdit.insert(position, rule));
    }

    public List<RuleEntry> removeRule(Caller caller, int position) {
        return editRules(caller, OptionalLong.empty(), RuleEdit.remove(position));
    }

    public List<RuleEntry> moveRule(Caller caller, int from, int to) {
        return editRules(caller, OptionalLong.empty(), RuleEdit.move(from, to));
    }

    /** The whole list at once; a rule that does not read is reported by its number and column. */
    public List<RuleEntry> replaceRules(Caller caller, List<String> texts) {
        return editRules(caller, OptionalLong.empty(), RuleEdit.replace(texts));
    }

    /**
     * Changes the rule list as it is at version {@code basedOn} (empty: as it is now). When the list has moved on
     * from that version (another administrator, on this node or another), nothing is changed: CONFLICT says which
     * version it is at and who made it.
     *
     * @return the list after the change
     */
    public List<RuleEntry> editRules(Caller caller, OptionalLong basedOn, RuleEdit edit) {
        String what = edit.what() + (basedOn.isPresent() ? " (from version " + basedOn.getAsLong() + ")" : "");
        return change(caller, what, () -> {
            RuleListStore.Versioned now = ruleList.current();
            long from = basedOn.orElse(now.version());
            if (from != now.version()) {
                throw RuleListStore.conflict(now, from);
            }
            List<Rule> rules = new ArrayList<>(now.rules());
            edit.applyTo(rules);
            ruleList.replace(from, new RuleList(rules), caller);
            return rules();
        });
    }

    /**
     * A database (or a script standing for one) registers an instance of a service; valid node checking applies
     * to {@code from}. Refreshed every few seconds by its sender, so not written to the audit log.
     */
    public void register(Caller caller, Registration registration, InetAddress from) {
        checkChange(caller, "register " + registration.service());
        try {
            engine().registry().register(registration, from);
        } catch (RegistrationRefusedException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    public void unregister(Caller caller, String service, String instanceName) {
        checkChange(caller, "unregister " + service);
        engine().registry().unregister(service, instanceName);
    }

    private <T> T change(Caller caller, String what, Supplier<T> action) {
        looks(caller);
        synchronized (changes) {
            try {
                checkChange(caller, what);
                T result = action.get();
                audit.record(caller.name(), what, "done");
                return result;
            } catch (RuntimeException e) {
                audit.record(caller.name(), what, "failed: " + e.getMessage());
                throw e;
            }
        }
    }
}
