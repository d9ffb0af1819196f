package dev.tnsrelay.gateway;

import dev.tnsrelay.descriptor.Address;
import dev.tnsrelay.descriptor.ConnectData;
import dev.tnsrelay.descriptor.ConnectDescriptor;
import dev.tnsrelay.descriptor.Description;
import dev.tnsrelay.net.IpLiteral;
import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.net.NvPair;
import dev.tnsrelay.net.NvParser;
import dev.tnsrelay.registry.Handler;
import dev.tnsrelay.registry.Selection;
import dev.tnsrelay.rules.ActionList;
import dev.tnsrelay.rules.Evaluation;
import dev.tnsrelay.rules.NameLookup;
import dev.tnsrelay.rules.Rule;
import dev.tnsrelay.rules.RuleAction;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What to do with one complete connect request, decided without any I/O: drop it, refuse it with an Oracle
 * error, or route it to a next hop — from SOURCE_ROUTE, or from the service registry — under the first rule
 * that accepts it. Where a host name must be looked up first, the decision says which ({@link NeedsNames}) and
 * is asked again once it is known; the registry is asked only once.
 *
 * <p>What needs no DNS is decided first: a client that no rule admits for its service is refused before a
 * single name it wrote is looked up, and the client's names are bounded ({@link NextHop#MAX_NAMES} in the
 * route, plus the next hop).
 *
 * <p>A listener command ({@code (CONNECT_DATA=(COMMAND=status))}, as lsnrctl and scanners send it: status,
 * services, version, stop, service_register_NSGR…) is refused with ORA-12564 before any rule is read: a listener
 * answers those itself, a connection manager relays sessions and passes no command on to the listener behind it.
 */
final class Admission {

    sealed interface Decision {
    }

    /** Connect to {@code addresses} (in order) at the next hop's port, under the rule's ACTION_LIST. */
    record Route(Address next, List<InetAddress> addresses, ActionList actions, boolean identified)
            implements Decision {
    }

    record Refuse(OracleError error, Refusal.Reason reason, String detail) implements Decision {
    }

    /** Close without a word: a drop rule, or connect data that is not a descriptor. */
    record Drop(Refusal.Reason reason, String detail) implements Decision {
    }

    record NeedsNames(Set<String> names) implements Decision {
    }

    /** How much of a listener command its refusal repeats: the known ones are shorter. */
    private static final int COMMAND_SHOWN = 32;

    private final String connectData;
    private final InetAddress client;
    private final int localPort;
    private final HandshakePolicy policy;
    private final javax.security.auth.x500.X500Principal peer;
    private Description description;
    private Optional<ConnectData> data = Optional.empty();
    private String service = "";
    private Optional<Address> next;
    private Selection routed;

    Admission(String connectData, InetAddress client, int localPort, HandshakePolicy policy) {
        this(connectData, client, localPort, policy, null);
    }

    /** @param peer the subject of the client's certificate on a TCPS endpoint, or null (for rules' SRC_DN) */
    Admission(String connectData, InetAddress client, int localPort, HandshakePolicy policy,
            javax.security.auth.x500.X500Principal peer) {
        this.connectData = connectData;
        this.client = client;
        this.localPort = localPort;
        this.policy = policy;
        this.peer = peer;
    }

    /** The descriptor's SECURITY section, once the connect data is read. */
    Optional<dev.tnsrelay.net.NvPair> security() {
        return description == null ? Optional.empty() : description.security();
    }

    /** The service asked for (SERVICE_NAME, else SID), once the connect data is read. */
    String service() {
        return service;
    }

    Optional<ConnectData> connectData() {
        return data;
    }

    /** The registry's choice when the connect named only its service; released by whoever ends the session. */
    Selection routed() {
        return routed;
    }

    Decision decide(NameLookup names) {
        if (description == null) {
            try {
                NvPair nv = NvParser.parse(connectData, "connect data");
                Optional<String> command = listenerCommand(nv);
                if (command.isPresent()) {
                    return new Refuse(OracleError.REFUSED, Refusal.Reason.BAD_INPUT, "listener command "
                            + command.get() + ": a connection manager relays sessions and answers no listener commands");
                }
                ConnectDescriptor d = ConnectDescriptor.of(nv);
                description = d.descriptions().get(0);
                data = d.connectData();
                service = data.flatMap(ConnectData::service).orElse("");
            } catch (NetParseException e) {
                return new Drop(Refusal.Reason.BAD_INPUT, "connect data does not parse: " + e.getMessage());
            }
        }
        Evaluation source = policy.rules().admitsSource(client, peer, service, names);
        if (source instanceof Evaluation.NeedsNames n) {
            return new NeedsNames(n.names());
        }
        if (source instanceof Evaluation.NoMatch) {
            return new Refuse(OracleError.RULE_REJECTED, Refusal.Reason.RULE, "no rule accepts it");
        }
        if (next == null) {
            Decision found = nextHop(names);
            if (found != null) {
                return found;
            }
        }
        if (next.isPresent() && !NextHop.usable(next.get())) {
            return new Refuse(OracleError.UNKNOWN_HOST, Refusal.Reason.NEXT_HOP,
                    "next hop " + next.get() + " is not a TCP or TCPS address with a host");
        }
        Evaluation rules = policy.rules().evaluate(client, peer, next.map(Address::socketHost).orElse(""), service, names);
        if (rules instanceof Evaluation.NeedsNames n) {
            return new NeedsNames(n.names());
        }
        if (rules instanceof Evaluation.NoMatch) {
            return new Refuse(OracleError.RULE_REJECTED, Refusal.Reason.RULE, "no rule accepts it");
        }
        Rule rule = ((Evaluation.Matched) rules).rule();
        if (rule.action() == RuleAction.REJECT) {
            return new Refuse(OracleError.RULE_REJECTED, Refusal.Reason.RULE, "rejected by the rule at " + rule.position());
        }
        if (rule.action() == RuleAction.DROP) {
            return new Drop(Refusal.Reason.RULE, "dropped by the rule at " + rule.position());
        }
        if (routed != null && !routed.accepted()) {
            return new Refuse(registryError(routed.refusal()), Refusal.Reason.REGISTRY,
                    "service " + service + " cannot take the connection");
        }
        if (next.isEmpty()) {
            return new Refuse(OracleError.UNKNOWN_SERVICE, Refusal.Reason.REGISTRY, "no next hop for service " + service);
        }
        Address hop = next.get();
        Optional<List<InetAddress>> addresses = addressesOf(hop, names);
        if (addresses.isEmpty()) {
            return new NeedsNames(Set.of(hop.socketHost()));
        }
        if (addresses.get().isEmpty()) {
            return new Refuse(OracleError.UNKNOWN_HOST, Refusal.Reason.NEXT_HOP,
                    "next hop host " + hop.socketHost() + " is unknown");
        }
        if (addresses.get().stream().anyMatch(ip -> policy.listensOn(ip, hop.port()))) {
            return new Refuse(OracleError.REFUSED, Refusal.Reason.BAD_INPUT, "routing loop: the next hop "
                    + hop.socketHost() + ":" + hop.port() + " is this gateway itself");
        }
        boolean identified = data.flatMap(d -> d.nv().child("CONNECTION_ID")).isPresent();
        return new Route(hop, addresses.get(), rule.actions(), identified);
    }

    /**
     * The COMMAND of a CONNECT_DATA anywhere in the request (a bare one, as scanners send it, or inside a
     * DESCRIPTION), cut to {@value #COMMAND_SHOWN} characters for the refusal's text; empty when there is none.
     */
    static Optional<String> listenerCommand(NvPair nv) {
        if (nv.name().equals("CONNECT_DATA")) {
            return nv.child("COMMAND").map(c -> {
                String word = c.atom().orElse("(not a word)");
                return word.length() <= COMMAND_SHOWN ? word : word.substring(0, COMMAND_SHOWN) + "…";
            });
        }
        for (NvPair child : nv.children()) {
            Optional<String> found = listenerCommand(child);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Finds the next hop, or returns what is needed first. */
    private Decision nextHop(NameLookup names) {
        if (description.sourceRoute()) {
            NextHop.Result r = NextHop.of(description, localPort, names);
            if (r instanceof NextHop.NeedsNames n) {
                return new NeedsNames(n.names());
            }
            next = ((NextHop.Found) r).next();
        } else {
            // no route from the client: the service's registered instances give the next hop
            routed = policy.registry().select(service, data.flatMap(ConnectData::instanceName),
                    data.flatMap(ConnectData::server), policy.random());
            next = Optional.ofNullable(routed.handler()).map(Handler::address);
        }
        return null;
    }

    /** The address's IPs: the literal itself, or what the lookup knows of the name (empty Optional: not yet). */
    static Optional<List<InetAddress>> addressesOf(Address a, NameLookup names) {
        Optional<InetAddress> literal = IpLiteral.parse(a.socketHost());
        return literal.isPresent() ? Optional.of(List.of(literal.get())) : names.addressesOf(a.socketHost());
    }

    private static OracleError registryError(Selection.Refused why) {
        return switch (why) {
            case UNKNOWN_SERVICE -> OracleError.UNKNOWN_SERVICE;
            case NO_HANDLER -> OracleError.NO_HANDLER;
            case ALL_RESTRICTED -> OracleError.ALL_RESTRICTED;
            case RESTRICTED_OR_BLOCKING -> OracleError.RESTRICTED_OR_BLOCKING;
            case ALL_BLOCKING -> OracleError.ALL_BLOCKING;
        };
    }
}
