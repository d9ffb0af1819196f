package dev.tnsrelay.rules;

import dev.tnsrelay.net.IpLiteral;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ordered rules of an instance. Evaluation is first match; no match means reject: what is not expressly
 * permitted is prohibited, as Connection Manager does.
 *
 * <p>Evaluation never waits for DNS. A host name in SRC is compared with the client's address through the
 * name's addresses; a host name in DST matches the next hop's host name in any case, or any of the next hop's
 * addresses; where such addresses are not yet known ({@link NameLookup}) the evaluation says which names it
 * needs ({@link Evaluation.NeedsNames}) and is asked again once they are. Rules are indexed by service, so a
 * connect meets only the rules for its service and the {@code SRV=*} ones, in list order.
 */
public final class RuleList {

    public static final RuleList EMPTY = new RuleList(List.of());

    private final List<Rule> rules;
    /** Per lower-case service, the positions of the rules that cover it ({@code SRV=*} included), in order. */
    private final Map<String, int[]> byService = new HashMap<>();
    private final int[] anyService;

    public RuleList(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        List<Integer> wildcard = new ArrayList<>();
        Map<String, List<Integer>> named = new HashMap<>();
        for (int i = 0; i < this.rules.size(); i++) {
            String srv = this.rules.get(i).service();
            if (srv.equals("*")) {
                wildcard.add(i);
                for (List<Integer> l : named.values()) {
                    l.add(i);
                }
            } else {
                int at = i;
                named.computeIfAbsent(srv.toLowerCase(Locale.ROOT), k -> new ArrayList<>(wildcard)).add(at);
            }
        }
        anyService = wildcard.stream().mapToInt(Integer::intValue).toArray();
        named.forEach((k, v) -> byService.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
    }

    public List<Rule> rules() {
        return rules;
    }

    /**
     * The first rule that covers the connect.
     *
     * @param dstHost the next hop's host as written (a name or an address); empty when there is no next hop (the
     *     service cannot be routed): then DST is not compared, so a client that may ask for the service is told
     *     why it cannot be reached (ORA-12514, 12528…) rather than that a rule rejected it
     * @param service the requested service (SERVICE_NAME, else SID), empty when none
     */
    public Evaluation evaluate(InetAddress client, String dstHost, String service, NameLookup names) {
        for (int i : candidates(service)) {
            Rule r = rules.get(i);
            Set<String> needed = new LinkedHashSet<>();
            Boolean src = covers(r.source(), client, names, needed);
            if (Boolean.FALSE.equals(src)) {
                continue;
            }
            Boolean dst = coversDestination(r.destination(), dstHost, names, needed);
            if (Boolean.FALSE.equals(dst)) {
                continue;
            }
            if (src == null || dst == null) {
                return new Evaluation.NeedsNames(needed);
            }
            return new Evaluation.Matched(r);
        }
        return new Evaluation.NoMatch();
    }

    /**
     * Whether any rule can admit this client for this service, whatever the destination: when none can, the
     * connect is rejected before a single name the client wrote is looked up.
     */
    public Evaluation admitsSource(InetAddress client, String service, NameLookup names) {
        for (int i : candidates(service)) {
            Rule r = rules.get(i);
            Set<String> needed = new LinkedHashSet<>();
            Boolean src = covers(r.source(), client, names, needed);
            if (src == null) {
                return new Evaluation.NeedsNames(needed);
            }
            if (src) {
                return new Evaluation.Matched(r);
            }
        }
        return new Evaluation.NoMatch();
    }

    /**
     * The first rule that covers the connect, looking names up as the caller's {@code names} can (tools and
     * tests; the gateway uses {@link #evaluate}).
     */
    public Optional<Rule> firstMatch(InetAddress client, String dstHost, String service, NameLookup names) {
        Evaluation e = evaluate(client, dstHost, service, names);
        if (e instanceof Evaluation.NeedsNames n) {
            throw new IllegalArgumentException("the lookup does not know " + n.names());
        }
        return e instanceof Evaluation.Matched m ? Optional.of(m.rule()) : Optional.empty();
    }

    private int[] candidates(String service) {
        int[] named = byService.get(service.toLowerCase(Locale.ROOT));
        return named != null ? named : anyService;
    }

    /** TRUE, FALSE, or null when a name must be looked up first (added to {@code needed}). */
    private static Boolean covers(HostPattern p, InetAddress address, NameLookup names, Set<String> needed) {
        if (p instanceof HostPattern.Subnet s) {
            return s.contains(address);
        }
        if (p instanceof HostPattern.HostName h) {
            Optional<List<InetAddress>> known = names.addressesOf(h.name());
            if (known.isEmpty()) {
                needed.add(h.name());
                return null;
            }
            return known.get().contains(address);
        }
        return true;
    }

    private static Boolean coversDestination(HostPattern p, String host, NameLookup names, Set<String> needed) {
        if (p instanceof HostPattern.Any || host.isEmpty()) {
            return true;
        }
        if (p instanceof HostPattern.HostName h && h.name().equals(host.toLowerCase(Locale.ROOT))) {
            return true;
        }
        Optional<InetAddress> literal = IpLiteral.parse(host);
        Optional<List<InetAddress>> addresses = literal.isPresent() ? Optional.of(List.of(literal.get()))
                : names.addressesOf(host);
        if (addresses.isEmpty()) {
            needed.add(host);
            if (p instanceof HostPattern.HostName h) {
                names.addressesOf(h.name()).ifPresentOrElse(a -> { }, () -> needed.add(h.name()));
            }
            return null;
        }
        Boolean any = false;
        for (InetAddress a : addresses.get()) {
            Boolean c = covers(p, a, names, needed);
            if (c == null) {
                any = null;
            } else if (c) {
                return true;
            }
        }
        return any;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RuleList other && rules.equals(other.rules);
    }

    @Override
    public int hashCode() {
        return rules.hashCode();
    }

    @Override
    public String toString() {
        return "RuleList" + rules;
    }
}
