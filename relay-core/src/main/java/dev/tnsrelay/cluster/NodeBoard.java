package dev.tnsrelay.cluster;

import dev.tnsrelay.admin.ClusterMember;
import dev.tnsrelay.gateway.EventLog;
import dev.tnsrelay.grid.Grid;
import dev.tnsrelay.grid.GridMap;
import dev.tnsrelay.grid.GridMember;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each node's status for every node: state, listening addresses, gateways, sessions and rules version, put in
 * the grid by the node every second and whenever it applies a rule list; an entry outlives its node by at most
 * {@link #TTL}. Also whether this side of the cluster holds a majority, and the wait for every node to have a
 * rule list.
 */
final class NodeBoard implements GridMap.Listener, Membership {

    static final String MAP = "tnsrelay.nodes";
    /** A node that stops telling (killed, cut off) leaves the board after this. */
    static final Duration TTL = Duration.ofSeconds(15);
    /** How long a rule list change waits for every node to apply it. */
    static final Duration APPLIED_WITHIN = Duration.ofSeconds(1);
    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.cluster");
    /** A listening address as the instance's status shows it. */
    private static final Pattern ADDRESS = Pattern.compile(
            "\\(ADDRESS=\\(PROTOCOL=tcps?\\)\\(HOST=([^)]*)\\)\\(PORT=(\\d{1,5})\\)\\)", Pattern.CASE_INSENSITIVE);

    private final Grid grid;
    private final GridMap map;
    private final String self;
    private final Clock clock;
    private final EventLog events;
    private final Supplier<ClusterMember> local;
    private final Runnable wake;
    private final Map<String, ClusterMember> seen = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    /**
     * @param local this node's status now (its figures)
     * @param wake asks the node's loop to tell the others now
     */
    NodeBoard(Grid grid, String self, Clock clock, EventLog events, Supplier<ClusterMember> local, Runnable wake) {
        this.grid = grid;
        this.map = grid.map(MAP);
        this.self = self;
        this.clock = clock;
        this.events = events;
        this.local = local;
        this.wake = wake;
    }

    GridMap map() {
        return map;
    }

    /** Tells the others this node's status now. */
    void publish() {
        ClusterMember m = local.get();
        map.put(self, encode(m, clientHost(self), clock.instant()), TTL);
    }

    /** Takes this node off the board: it leaves the cluster. */
    void leave() {
        map.remove(self);
    }

    /** Forgets the nodes that are no longer members. */
    void forgetDeparted() {
        List<String> present = grid.members().stream().map(GridMember::address).toList();
        for (String node : List.copyOf(seen.keySet())) {
            if (!present.contains(node)) {
                seen.remove(node);
                map.remove(node);
            }
        }
        signal();
    }

    /** Every member, the oldest first, with what it last told; this node as it is now. */
    List<ClusterMember> members() {
        List<ClusterMember> out = new ArrayList<>();
        for (GridMember g : grid.members()) {
            if (g.address().equals(self)) {
                ClusterMember m = local.get();
                out.add(new ClusterMember(self, true, m.state(), clientAddresses(m.listening(), clientHost(self)),
                        m.gateways(), m.activeSessions(), m.totalSessions(), m.refusedSessions(), m.rulesVersion(),
                        m.started(), clock.instant()));
            } else {
                out.add(Optional.ofNullable(seen.get(g.address())).orElse(new ClusterMember(g.address(), false,
                        "JOINING", List.of(), 0, 0, 0, 0, 0, null, null)));
            }
        }
        return out;
    }

    @Override
    public void changed(String node, Optional<String> value) {
        if (node.equals(self)) {
            return;
        }
        if (value.isPresent()) {
            seen.put(node, decode(node, value.get()));
        } else {
            seen.remove(node);
        }
        signal();
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<String> noQuorum() {
        OptionalInt configured = grid.configuredMembers();
        if (configured.isEmpty()) {
            return Optional.empty();
        }
        int present = grid.members().size();
        int majority = configured.getAsInt() / 2 + 1;
        return present >= majority ? Optional.empty() : Optional.of("only " + present + " of the "
                + configured.getAsInt() + " configured members of cluster " + grid.clusterName() + " are present, fewer"
                + " than a majority (" + majority + "): on this side of a network split the rules are not changed;"
                + " change them on the other side, or when the members are back");
    }

    @Override
    public void nudge() {
        wake.run();
    }

    @Override
    public void awaitRules(long version) {
        long left = APPLIED_WITHIN.toNanos();
        lock.lock();
        try {
            while (!behind(version).isEmpty() && left > 0) {
                left = changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        List<String> late = behind(version);
        if (!late.isEmpty()) {
            LOG.log(Level.WARNING, "tnsrelay: rule list version {0} is not yet applied on {1} after {2} ms", version,
                    late, APPLIED_WITHIN.toMillis());
            events.add("cluster", "rule list version " + version + " not yet applied on " + late + " after "
                    + APPLIED_WITHIN.toMillis() + " ms");
        }
    }

    /** The other members that have not said they apply {@code version} yet. */
    private List<String> behind(long version) {
        List<String> late = new ArrayList<>();
        for (GridMember g : grid.members()) {
            ClusterMember m = seen.get(g.address());
            if (!g.address().equals(self) && (m == null || m.rulesVersion() < version)) {
                late.add(g.address());
            }
        }
        return late;
    }

    /** The gateway addresses of the members that take connections now, for connect descriptors. */
    List<String> liveGateways() {
        List<String> out = new ArrayList<>();
        for (ClusterMember m : members()) {
            if (m.state().equals("RUNNING")) {
                out.addAll(m.listening());
            }
        }
        return out;
    }

    private static String clientHost(String node) {
        return node.substring(0, node.lastIndexOf(':'));
    }

    /** A wildcard bind is reached at the node's own address. */
    static List<String> clientAddresses(List<String> listening, String host) {
        List<String> out = new ArrayList<>();
        for (String shown : listening) {
            String a = hostPort(shown);
            String h = a.substring(0, a.lastIndexOf(':'));
            boolean any = h.equals("0.0.0.0") || h.equals("::") || h.equals("0:0:0:0:0:0:0:0");
            out.add(any ? host + a.substring(a.lastIndexOf(':')) : a);
        }
        return out;
    }

    /** {@code host:port} from the status's {@code (ADDRESS=(PROTOCOL=tcp)(HOST=h)(PORT=p))}, as the grid keeps it. */
    static String hostPort(String address) {
        Matcher m = ADDRESS.matcher(address);
        return m.matches() ? m.group(1) + ":" + m.group(2) : address;
    }

    static String encode(ClusterMember m, String host, Instant now) {
        GridText t = new GridText().add("state", m.state()).add("gateways", m.gateways())
                .add("active", m.activeSessions()).add("total", m.totalSessions()).add("refused", m.refusedSessions())
                .add("rules", m.rulesVersion()).add("started", m.started() == null ? "" : m.started().toString())
                .add("seen", now.toString());
        clientAddresses(m.listening(), host).forEach(a -> t.add("listening", a));
        return t.toString();
    }

    static ClusterMember decode(String node, String text) {
        GridText t = GridText.parse(text);
        String started = t.get("started").orElse("");
        return new ClusterMember(node, false, t.text("state"), t.all("listening").stream().map(f -> f.get(0)).toList(),
                (int) t.number("gateways"), (int) t.number("active"), t.number("total"), t.number("refused"),
                t.number("rules"), started.isEmpty() ? null : Instant.parse(started), Instant.parse(t.text("seen")));
    }
}
