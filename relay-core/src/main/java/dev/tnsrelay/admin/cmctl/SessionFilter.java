package dev.tnsrelay.admin.cmctl;

import dev.tnsrelay.admin.AdminError;
import dev.tnsrelay.admin.ConnectionFilter;
import dev.tnsrelay.gateway.SessionInfo;
import dev.tnsrelay.gateway.SessionState;
import dev.tnsrelay.rules.HostPattern;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * cmctl's filter for show and close connections, read from its words and built into the engine's
 * {@code Predicate<SessionInfo>}:
 * {@code [in state] [gt [[hh:]mm:]ss] [from source] [to destination] [for service] [using gateway]}, or a list
 * of connection ids; beyond cmctl, who the client says it is (its CID):
 * {@code [for program name] [for user name] [for host name]} ({@code for service name} when a service is called
 * program, user or host). A CID value matches in any case; one ending in {@code *} matches what starts with the
 * rest; a value with spaces is written in double quotes. In a cluster, {@code [node host:port | node *]}: another
 * node's connections, or every node's (a tnsrelay extension; not part of {@link #text()}, which the node asked
 * reads). Empty parts match everything.
 */
public record SessionFilter(Optional<SessionState> state, Optional<Duration> olderThan, Optional<HostPattern> from,
        Optional<String> to, Optional<String> service, OptionalInt gateway, Set<Long> ids, Optional<String> program,
        Optional<String> user, Optional<String> clientHost, Optional<String> node) implements ConnectionFilter {

    public static final SessionFilter ALL = new SessionFilter(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), OptionalInt.empty(), Set.of(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    /** What follows {@code for} when the filter is about the client's CID rather than the service. */
    private static final List<String> CID = List.of("program", "user", "host");

    public SessionFilter {
        ids = Set.copyOf(new TreeSet<>(ids));
    }

    /**
     * The filter that cmctl's words say ({@code in established gt 10:00 for sales}, or ids); blank is all.
     *
     * @throws dev.tnsrelay.admin.AdminException TNS-04014 naming the word that is not understood
     */
    public static SessionFilter parse(String words) {
        List<String> t = Words.of(words);
        SessionFilter f = read(t);
        if (!t.isEmpty()) {
            throw AdminError.INVALID.exception("unexpected " + String.join(" ", t));
        }
        return f;
    }

    /** Reads the filter words at the head of {@code t}, removing them. */
    static SessionFilter read(List<String> t) {
        SessionFilter f = ALL;
        if (t.size() > 1 && t.get(0).equalsIgnoreCase("node")) {
            t.remove(0);
            f = f.onNode(t.remove(0));
        }
        List<Long> ids = new ArrayList<>();
        while (!t.isEmpty() && t.get(0).matches("\\d{1,18}")) {
            ids.add(Long.parseLong(t.remove(0)));
        }
        if (!ids.isEmpty()) {
            return f.withIds(ids);
        }
        while (!t.isEmpty()) {
            String word = t.remove(0).toLowerCase(Locale.ROOT);
            String arg = CmctlCommand.next(t, word + " needs a value");
            f = switch (word) {
                case "in" -> f.inState(state(arg));
                case "gt" -> f.olderThan(CmctlCommand.duration(arg));
                case "from" -> f.from(host(arg));
                case "to" -> f.to(arg);
                case "for" -> forWhat(f, arg, t);
                case "using" -> f.using(CmctlCommand.number(arg, "gateway id"));
                case "node" -> f.onNode(arg);
                default -> throw AdminError.INVALID.exception(word
                        + " is not a filter; filters are in, gt, from, to, for, using, node");
            };
        }
        return f;
    }

    /** {@code for sales}, {@code for service program}, {@code for program "JDBC Thin Client"}. */
    private static SessionFilter forWhat(SessionFilter f, String arg, List<String> t) {
        String kind = arg.toLowerCase(Locale.ROOT);
        if (t.isEmpty() || !CID.contains(kind) && !kind.equals("service")) {
            return f.forService(arg);
        }
        String value = t.remove(0);
        return switch (kind) {
            case "program" -> f.forProgram(value);
            case "user" -> f.forUser(value);
            case "host" -> f.forClientHost(value);
            default -> f.forService(value);
        };
    }

    private static SessionState state(String s) {
        try {
            return SessionState.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw AdminError.INVALID.exception("state " + s + " is not known; states are "
                    + Arrays.toString(SessionState.values()).toLowerCase(Locale.ROOT));
        }
    }

    private static HostPattern host(String s) {
        try {
            return HostPattern.parse(s);
        } catch (IllegalArgumentException e) {
            throw AdminError.INVALID.exception("from " + s + ": " + e.getMessage());
        }
    }

    /** Only these connections (cmctl's {@code <id_list>}). */
    public SessionFilter withIds(Collection<Long> list) {
        return new SessionFilter(state, olderThan, from, to, service, gateway, Set.copyOf(list), program, user, clientHost, node);
    }

    public SessionFilter inState(SessionState s) {
        return new SessionFilter(Optional.of(s), olderThan, from, to, service, gateway, ids, program, user, clientHost, node);
    }

    public SessionFilter olderThan(Duration d) {
        return new SessionFilter(state, Optional.of(d), from, to, service, gateway, ids, program, user, clientHost, node);
    }

    public SessionFilter from(HostPattern p) {
        return new SessionFilter(state, olderThan, Optional.of(p), to, service, gateway, ids, program, user, clientHost, node);
    }

    public SessionFilter to(String host) {
        return new SessionFilter(state, olderThan, from, Optional.of(host), service, gateway, ids, program, user, clientHost, node);
    }

    public SessionFilter forService(String s) {
        return new SessionFilter(state, olderThan, from, to, Optional.of(s), gateway, ids, program, user, clientHost, node);
    }

    public SessionFilter using(int id) {
        return new SessionFilter(state, olderThan, from, to, service, OptionalInt.of(id), ids, program, user, clientHost, node);
    }

    /** The client's CID PROGRAM ({@code JDBC Thin Client}, {@code sqlplus*}). */
    public SessionFilter forProgram(String p) {
        return new SessionFilter(state, olderThan, from, to, service, gateway, ids, Optional.of(p), user, clientHost, node);
    }

    /** The client's CID USER: the operating system user it runs as. */
    public SessionFilter forUser(String u) {
        return new SessionFilter(state, olderThan, from, to, service, gateway, ids, program, Optional.of(u),
                clientHost, node);
    }

    /** The client's CID HOST: the machine name it says it runs on (not its address: that is {@code from}). */
    public SessionFilter forClientHost(String h) {
        return new SessionFilter(state, olderThan, from, to, service, gateway, ids, program, user, Optional.of(h), node);
    }

    /** The connections of that node of the cluster ({@code *}: every node). */
    public SessionFilter onNode(String name) {
        if (name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
            throw AdminError.INVALID.exception("node is host:port as show cluster lists it, or *");
        }
        return new SessionFilter(state, olderThan, from, to, service, gateway, ids, program, user, clientHost,
                Optional.of(name));
    }

    /** The sessions this filter selects at {@code now} (the age in {@code gt} is measured from it). */
    @Override
    public Predicate<SessionInfo> at(Instant now) {
        return s -> state.map(x -> x == s.state()).orElse(true)
                && olderThan.map(d -> Duration.between(s.start(), now).compareTo(d) > 0).orElse(true)
                && from.map(p -> fromAddress(s.client()).map(a -> p.covers(a, SessionFilter::addressesOf))
                        .orElse(false)).orElse(true)
                && to.map(h -> s.server().toLowerCase(Locale.ROOT).startsWith(h.toLowerCase(Locale.ROOT))).orElse(true)
                && service.map(x -> x.equalsIgnoreCase(s.service())).orElse(true)
                && (gateway.isEmpty() || gateway.getAsInt() == s.gateway())
                && (ids.isEmpty() || ids.contains(s.id()))
                && program.map(p -> matches(p, cid(s).program())).orElse(true)
                && user.map(u -> matches(u, cid(s).user())).orElse(true)
                && clientHost.map(h -> matches(h, cid(s).host())).orElse(true);
    }

    private static SessionInfo.ClientId cid(SessionInfo s) {
        return s.clientId() == null ? SessionInfo.ClientId.NONE : s.clientId();
    }

    /** In any case; {@code JDBC*} matches what starts with {@code JDBC}. */
    private static boolean matches(String pattern, String value) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String v = value.toLowerCase(Locale.ROOT);
        return p.endsWith("*") ? v.startsWith(p.substring(0, p.length() - 1)) : v.equals(p);
    }

    /** The client's address from its {@code address:port} (the engine writes literals): never looked up. */
    private static Optional<InetAddress> fromAddress(String hostPort) {
        String host = hostPort.substring(0, Math.max(0, hostPort.lastIndexOf(':')));
        if (!host.matches("[0-9.]+") && !host.contains(":")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** A host name in {@code from} covers the client when it is one of the name's addresses. */
    private static List<InetAddress> addressesOf(String name) {
        try {
            return List.of(InetAddress.getAllByName(name));
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    /** As cmctl writes it, for the audit log. */
    @Override
    public String text() {
        if (!ids.isEmpty()) {
            return String.join(" ", ids.stream().sorted().map(String::valueOf).toList());
        }
        List<String> words = new ArrayList<>();
        state.ifPresent(s -> words.add("in " + s.name().toLowerCase(Locale.ROOT)));
        olderThan.ifPresent(d -> words.add(String.format(Locale.ROOT, "gt %02d:%02d:%02d", d.toHours(),
                d.toMinutesPart(), d.toSecondsPart())));
        from.ifPresent(p -> words.add("from " + p));
        to.ifPresent(h -> words.add("to " + h));
        service.ifPresent(s -> words.add(CID.contains(s.toLowerCase(Locale.ROOT)) ? "for service " + s : "for " + s));
        gateway.ifPresent(g -> words.add("using " + g));
        program.ifPresent(p -> words.add("for program " + Words.quote(p)));
        user.ifPresent(u -> words.add("for user " + Words.quote(u)));
        clientHost.ifPresent(h -> words.add("for host " + Words.quote(h)));
        return String.join(" ", words);
    }
}
