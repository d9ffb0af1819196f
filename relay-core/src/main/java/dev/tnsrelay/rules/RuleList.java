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
import javax.security.auth.x500.X500Principal;

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
    private final AddressMatcher[] sources;
    private final AddressMatcher[] destinations;

    public RuleList(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        this.sources = this.rules.stream().map(r -> new AddressMatcher(r.source())).toArray(AddressMatcher[]::new);
        this.destinations = this.rules.stream().map(r -> new AddressMatcher(r.destination()))
                .toArray(AddressMatcher[]::new);
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
        return evaluate(client, null, dstHost, service, names);
    }

    /**
     * The same for a client that presented a certificate of subject {@code peer} (null: none), which rules with
     * SRC_DN compare.
     */
    public Evaluation evaluate(InetAddress client, X500Principal peer, String dstHost, String service,
            NameLookup names) {
        byte[] from = client.getAddress();
        Destination to = new Destination(dstHost, names);
        for (int i : candidates(service)) {
            if (!rules.get(i).clientDn().covers(peer)) {
                continue;
            }
            AddressMatcher.Answer src = sources[i].covers(from, names);
            if (src == AddressMatcher.Answer.NO) {
                continue;
            }
            AddressMatcher.Answer dst = to.coveredBy(destinations[i]);
            if (dst == AddressMatcher.Answer.NO) {
                continue;
            }
            if (src == AddressMatcher.Answer.NEEDS_NAME || dst == AddressMatcher.Answer.NEEDS_NAME) {
                Set<String> needed = new LinkedHashSet<>();
                if (src == AddressMatcher.Answer.NEEDS_NAME) {
                    needed.add(sources[i].name());
                }
                if (dst == AddressMatcher.Answer.NEEDS_NAME) {
                    to.neededFor(destinations[i], needed);
                }
                return new Evaluation.NeedsNames(needed);
            }
            return new Evaluation.Matched(rules.get(i));
        }
        return new Evaluation.NoMatch();
    }

    /**
     * Whether any rule can admit this client for this service, whatever the destination: when none can, the
     * connect is rejected before a single name the client wrote is looked up.
     */
    public Evaluation admitsSource(InetAddress client, String service, NameLookup names) {
        return admitsSource(client, null, service, names);
    }

    /** The same for a client that presented a certificate of subject {@code peer} (null: none). */
    public Evaluation admitsSource(InetAddress client, X500Principal peer, String service, NameLookup names) {
        byte[] from = client.getAddress();
        for (int i : candidates(service)) {
            if (!rules.get(i).clientDn().covers(peer)) {
                continue;
            }
            AddressMatcher.Answer src = sources[i].covers(from, names);
            if (src == AddressMatcher.Answer.NEEDS_NAME) {
                return new Evaluation.NeedsNames(Set.of(sources[i].name()));
            }
            if (src == AddressMatcher.Answer.YES) {
                return new Evaluation.Matched(rules.get(i));
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

    /** The next hop of one evaluation, its addresses worked out once, whatever the number of rules. */
    private static final class Destination {
        private final String host;
        private final NameLookup names;
        private List<byte[]> addresses;
        private boolean looked;

        Destination(String host, NameLookup names) {
            this.host = host;
            this.names = names;
        }

        AddressMatcher.Answer coveredBy(AddressMatcher rule) {
            if (rule.any() || host.isEmpty() || rule.isName(host)) {
                return AddressMatcher.Answer.YES;
            }
            List<byte[]> ips = addresses();
            if (ips == null) {
                return AddressMatcher.Answer.NEEDS_NAME;
            }
            AddressMatcher.Answer any = AddressMatcher.Answer.NO;
            for (byte[] ip : ips) {
                AddressMatcher.Answer a = rule.covers(ip, names);
                if (a == AddressMatcher.Answer.YES) {
                    return a;
                }
                if (a == AddressMatcher.Answer.NEEDS_NAME) {
                    any = a;
                }
            }
            return any;
        }

        void neededFor(AddressMatcher rule, Set<String> needed) {
            if (addresses() == null) {
                needed.add(host);
            }
            if (rule.name() != null && names.addressesOf(rule.name()).isEmpty()) {
                needed.add(rule.name());
            }
        }

        /** The host's addresses, or null while the name is not known. */
        private List<byte[]> addresses() {
            if (!looked) {
                looked = true;
                Optional<InetAddress> literal = IpLiteral.parse(host);
                Optional<List<InetAddress>> found = literal.isPresent() ? Optional.of(List.of(literal.get()))
                        : names.addressesOf(host);
                addresses = found.map(l -> l.stream().map(InetAddress::getAddress).toList()).orElse(null);
            }
            return addresses;
        }
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
