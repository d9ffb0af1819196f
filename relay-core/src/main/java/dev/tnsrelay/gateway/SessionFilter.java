package dev.tnsrelay.gateway;

import dev.tnsrelay.rules.HostPattern;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;

/**
 * cmctl's filter for show and close connections:
 * {@code [in state] [gt [[hh:]mm:]ss] [from source] [to destination] [for service] [using gateway]}, or a list
 * of connection ids. Empty parts match everything.
 */
public record SessionFilter(Optional<SessionState> state, Optional<Duration> olderThan, Optional<HostPattern> from,
        Optional<String> to, Optional<String> service, OptionalInt gateway, Set<Long> ids) {

    public static final SessionFilter ALL = new SessionFilter(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), OptionalInt.empty(), Set.of());

    public SessionFilter {
        ids = Set.copyOf(ids);
    }

    /** Only these connections (cmctl's {@code <id_list>}). */
    public SessionFilter withIds(java.util.Collection<Long> list) {
        return new SessionFilter(state, olderThan, from, to, service, gateway, Set.copyOf(list));
    }

    public SessionFilter inState(SessionState s) {
        return new SessionFilter(Optional.of(s), olderThan, from, to, service, gateway, ids);
    }

    public SessionFilter olderThan(Duration d) {
        return new SessionFilter(state, Optional.of(d), from, to, service, gateway, ids);
    }

    public SessionFilter from(HostPattern p) {
        return new SessionFilter(state, olderThan, Optional.of(p), to, service, gateway, ids);
    }

    public SessionFilter to(String host) {
        return new SessionFilter(state, olderThan, from, Optional.of(host), service, gateway, ids);
    }

    public SessionFilter forService(String s) {
        return new SessionFilter(state, olderThan, from, to, Optional.of(s), gateway, ids);
    }

    public SessionFilter using(int id) {
        return new SessionFilter(state, olderThan, from, to, service, OptionalInt.of(id), ids);
    }

    /** The sessions this filter selects at {@code now} (the age in {@code gt} is measured from it). */
    public Predicate<SessionInfo> predicate(java.time.Instant now) {
        return s -> state.map(x -> x == s.state()).orElse(true)
                && olderThan.map(d -> Duration.between(s.start(), now).compareTo(d) > 0).orElse(true)
                && from.map(p -> matchesHost(p, s.client())).orElse(true)
                && to.map(h -> s.server().toLowerCase(Locale.ROOT).startsWith(h.toLowerCase(Locale.ROOT))).orElse(true)
                && service.map(x -> x.equalsIgnoreCase(s.service())).orElse(true)
                && (gateway.isEmpty() || gateway.getAsInt() == s.gateway())
                && (ids.isEmpty() || ids.contains(s.id()));
    }

    private static boolean matchesHost(HostPattern p, String hostPort) {
        String host = hostPort.substring(0, Math.max(0, hostPort.lastIndexOf(':')));
        if (p instanceof HostPattern.Any) {
            return true;
        }
        if (p instanceof HostPattern.Subnet subnet) {
            try {
                return subnet.contains(java.net.InetAddress.getByName(host));
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        return ((HostPattern.HostName) p).name().equalsIgnoreCase(host);
    }
}
