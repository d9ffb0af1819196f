package dev.tnsrelay.gateway;

import dev.tnsrelay.descriptor.Address;
import dev.tnsrelay.descriptor.ConnectData;
import dev.tnsrelay.descriptor.ConnectDescriptor;
import dev.tnsrelay.descriptor.Description;
import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.registry.Handler;
import dev.tnsrelay.registry.Selection;
import dev.tnsrelay.registry.ServiceRegistry;
import dev.tnsrelay.rules.ActionList;
import dev.tnsrelay.rules.Rule;
import dev.tnsrelay.rules.RuleAction;
import dev.tnsrelay.rules.RuleList;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * What to do with a complete connect request, decided without any I/O: close it, refuse it with an Oracle
 * error, or route it to a next hop — from SOURCE_ROUTE, or from the service registry — under the first rule
 * that accepts it.
 *
 * @param routed the registry's choice when the connect named only its service, else null; a session that got
 *     one must release it when it ends, whatever the decision
 */
record Admission(Decision decision, int refusal, Refusal.Reason kind, String reason, String service, Address next,
        List<InetAddress> nextAddresses, ActionList actions, Selection routed, boolean identified) {

    enum Decision { CLOSE, REFUSE, ROUTE }

    /**
     * @param self whether an address and port is one this instance listens on: a next hop that is the gateway
     *     itself would loop
     */
    static Admission decide(String connectData, InetAddress client, int localPort, RuleList rules,
            ServiceRegistry registry, Random random, java.util.function.BiPredicate<InetAddress, Integer> self) {
        ConnectDescriptor descriptor;
        try {
            descriptor = ConnectDescriptor.parse(connectData, "connect data");
        } catch (NetParseException e) {
            return new Admission(Decision.CLOSE, 0, Refusal.Reason.BAD_INPUT,
                    "connect data does not parse: " + e.getMessage(), "", null, List.of(), null, null, false);
        }
        Description description = descriptor.descriptions().get(0);
        Optional<ConnectData> data = descriptor.connectData();
        String service = data.flatMap(ConnectData::service).orElse("");
        Optional<Address> next;
        Selection routed = null;
        if (description.sourceRoute()) {
            next = NextHop.of(description, localPort);
        } else {
            // no route from the client: the service's registered instances give the next hop
            routed = registry.select(service, data.flatMap(ConnectData::instanceName), data.flatMap(ConnectData::server),
                    random);
            next = Optional.ofNullable(routed.handler()).map(Handler::address);
        }
        if (next.isPresent() && !NextHop.usable(next.get())) {
            return refuse(TnsErrors.UNKNOWN_HOST, Refusal.Reason.NEXT_HOP,
                    "next hop " + next.get() + " is not a TCP or TCPS address with a host", service, routed);
        }
        List<InetAddress> addresses = next.map(Admission::resolve).orElse(List.of());
        if (next.isPresent() && addresses.stream().anyMatch(ip -> self.test(ip, next.get().port()))) {
            return refuse(TnsErrors.ROUTING_LOOP, Refusal.Reason.BAD_INPUT, "the next hop " + next.get().socketHost()
                    + ":" + next.get().port() + " is this gateway itself", service, routed);
        }
        Optional<Rule> rule = rules.firstMatch(client, next.map(Address::socketHost).orElse(""), addresses, service);
        if (rule.isEmpty() || rule.get().action() == RuleAction.REJECT) {
            return refuse(TnsErrors.RULE_REJECTED, Refusal.Reason.RULE, rule.isEmpty() ? "no rule accepts it"
                    : "rejected by the rule at " + rule.get().position(), service, routed);
        }
        if (rule.get().action() == RuleAction.DROP) {
            return new Admission(Decision.CLOSE, 0, Refusal.Reason.RULE, "dropped by the rule at "
                    + rule.get().position(), service, null, List.of(), null, routed, false);
        }
        if (routed != null && !routed.accepted()) {
            return refuse(routed.refusal(), Refusal.Reason.REGISTRY, "service " + service
                    + " cannot take the connection", service, routed);
        }
        if (next.isEmpty()) {
            return refuse(TnsErrors.UNKNOWN_SERVICE, Refusal.Reason.REGISTRY, "no next hop for service " + service,
                    service, routed);
        }
        boolean identified = data.flatMap(d -> d.nv().child("CONNECTION_ID")).isPresent();
        return new Admission(Decision.ROUTE, 0, null, "", service, next.get(), addresses, rule.get().actions(), routed,
                identified);
    }

    private static Admission refuse(int error, Refusal.Reason kind, String reason, String service, Selection routed) {
        return new Admission(Decision.REFUSE, error, kind, reason, service, null, List.of(), null, routed, false);
    }

    /** DNS is asked on the gateway thread: fine for addresses and local names, a known cost otherwise. */
    static List<InetAddress> resolve(Address a) {
        try {
            return Arrays.asList(InetAddress.getAllByName(a.socketHost()));
        } catch (UnknownHostException e) {
            return List.of();
        }
    }
}
