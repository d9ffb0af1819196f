package dev.tnsrelay.rules;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ordered rules of an instance. Evaluation is first match; no match means reject: what is not expressly
 * permitted is prohibited, as Connection Manager does.
 *
 * <p>A host name in SRC is compared with the client's address through its DNS addresses, looked up once
 * and kept for the life of the list (a reload looks them up again). A host name in DST matches the next
 * hop's host name in any case, or any of the next hop's addresses.
 */
public final class RuleList {

    public static final RuleList EMPTY = new RuleList(List.of());

    private final List<Rule> rules;
    private final Map<String, List<InetAddress>> resolved = new ConcurrentHashMap<>();

    public RuleList(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public List<Rule> rules() {
        return rules;
    }

    /**
     * The first rule that covers the request, or empty (reject).
     *
     * @param dstHost the next hop's host as written in the descriptor; empty when there is no next hop (the
     *     service cannot be routed): then DST is not compared, so a client that may ask for the service is told
     *     why it cannot be reached (ORA-12514, 12528…) rather than that a rule rejected it
     * @param dstAddresses the next hop's addresses, when known
     * @param service the requested service (SERVICE_NAME, else SID), empty when none
     */
    public Optional<Rule> firstMatch(InetAddress client, String dstHost, List<InetAddress> dstAddresses,
            String service) {
        for (Rule r : rules) {
            if (matches(r.source(), client) && matchesDestination(r.destination(), dstHost, dstAddresses)
                    && r.coversService(service)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    private boolean matches(HostPattern p, InetAddress address) {
        return p.covers(address, this::addressesOf);
    }

    private boolean matchesDestination(HostPattern p, String host, List<InetAddress> addresses) {
        if (p instanceof HostPattern.Any || host.isEmpty()) {
            return true;
        }
        if (p instanceof HostPattern.HostName h && h.name().equals(host.toLowerCase(Locale.ROOT))) {
            return true;
        }
        return addresses.stream().anyMatch(a -> matches(p, a));
    }

    private List<InetAddress> addressesOf(String name) {
        return resolved.computeIfAbsent(name, n -> {
            try {
                return List.of(InetAddress.getAllByName(n));
            } catch (UnknownHostException e) {
                return List.of();
            }
        });
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
