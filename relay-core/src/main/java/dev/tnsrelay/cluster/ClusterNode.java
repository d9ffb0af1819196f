package dev.tnsrelay.cluster;

import dev.tnsrelay.admin.AdminError;
import dev.tnsrelay.admin.Administration;
import dev.tnsrelay.admin.AuditLog;
import dev.tnsrelay.admin.Caller;
import dev.tnsrelay.admin.ClusterControl;
import dev.tnsrelay.admin.ClusterEvent;
import dev.tnsrelay.admin.ClusterMember;
import dev.tnsrelay.admin.ClusterStatus;
import dev.tnsrelay.admin.Connection;
import dev.tnsrelay.admin.ConnectionFilter;
import dev.tnsrelay.admin.InstanceControl;
import dev.tnsrelay.admin.NodeAction;
import dev.tnsrelay.admin.RuleListStore;
import dev.tnsrelay.admin.users.Users;
import dev.tnsrelay.config.CmanOraFile;
import dev.tnsrelay.descriptor.Address;
import dev.tnsrelay.gateway.EventLog;
import dev.tnsrelay.grid.Grid;
import dev.tnsrelay.grid.GridMember;
import dev.tnsrelay.registry.ServiceRegistry;
import dev.tnsrelay.rules.RuleList;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * This instance as a node of a cluster: it joins before its gateways listen (the cluster's rules, administrators
 * and registrations first), then tells the others its status every second and whenever it applies a rule list,
 * publishes its newest events and audit records, takes the others' changes as they come, and answers their
 * administrators' requests. The admin model sees it as its {@link ClusterControl} and its {@link RuleListStore}.
 */
public final class ClusterNode implements ClusterControl, AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.cluster");
    /** Who the node is when it reads its own status for the others. */
    private static final Caller SELF = Caller.local("tnsrelay");

    private final Grid grid;
    private final String self;
    private final String instanceName;
    private final Executor executor;
    private final NodeBoard board;
    private final SharedRuleList rules;
    private final SharedRegistrations registrations;
    private final SharedUsers users;
    private final Journal journal;
    private final NodeRequests requests;
    private final ServiceRegistry registry;
    private final List<AutoCloseable> listening = new CopyOnWriteArrayList<>();
    private final Semaphore wake = new Semaphore(0);
    private volatile Administration admin;
    private volatile boolean membersChanged;
    private volatile boolean closed;

    public ClusterNode(Grid grid, String instanceName, InstanceControl instance, CmanOraFile config,
            ServiceRegistry registry, EventLog events, Users users, Path stateFolder, Clock clock, Executor executor) {
        this.grid = grid;
        this.self = grid.self().address();
        this.instanceName = instanceName;
        this.executor = executor;
        this.registry = registry;
        this.board = new NodeBoard(grid, self, clock, events, () -> admin().cluster().localMember(self, SELF),
                this::nudge);
        this.rules = new SharedRuleList(grid.map(SharedRuleList.MAP), instanceName, self, instance, config,
                stateFolder, events, clock, board);
        this.registrations = new SharedRegistrations(grid.map(SharedRegistrations.MAP), instanceName, self,
                grid.self().id(), registry, clock);
        this.users = new SharedUsers(grid.map(SharedUsers.MAP), users);
        this.journal = new Journal(grid.map(Journal.MAP), self, events, stateFolder.resolve(AuditLog.FILE));
        this.requests = new NodeRequests(grid.map(NodeRequests.REQUESTS), grid.map(NodeRequests.REPLIES), self,
                this::admin, executor);
    }

    /** The rule list of the cluster, for the admin model. */
    public RuleListStore ruleList() {
        return rules;
    }

    /** The admin model, once it is built (it is built with this node as its cluster). */
    public void attach(Administration model) {
        this.admin = model;
    }

    private Administration admin() {
        Administration a = admin;
        if (a == null) {
            throw new IllegalStateException("the cluster node has no admin model yet");
        }
        return a;
    }

    /**
     * Joins before the gateways listen: from now on the others' changes arrive; the cluster's rule list is taken
     * (or this node's given, when the cluster has none or an older one), then its administrators and its live
     * registrations.
     *
     * @return true when cman.ora was rewritten with the cluster's rules (the engine must read it again)
     */
    public boolean join(RuleList fromFile) throws Exception {
        listening.add(grid.map(SharedRuleList.MAP).listen(rules));
        listening.add(grid.map(SharedRegistrations.MAP).listen(registrations));
        listening.add(grid.map(SharedUsers.MAP).listen(users));
        listening.add(board.map().listen(board));
        listening.add(grid.map(NodeRequests.REQUESTS).listen(requests::requested));
        listening.add(grid.map(NodeRequests.REPLIES).listen(requests::answered));
        listening.add(grid.onMembersChanged(() -> {
            membersChanged = true;
            nudge();
        }));
        registry.addListener(registrations);
        boolean rewritten = rules.join(fromFile);
        users.join();
        registrations.join();
        LOG.log(Level.INFO, "tnsrelay: instance {0} joined cluster {1} as node {2} ({3} members): rule list version"
                + " {4}", instanceName, grid.clusterName(), self, grid.members().size(), rules.current().version());
        return rewritten;
    }

    /** After the gateways listen and the first administrator is made: the node tells, every second, until closed. */
    public void start() {
        users.push();
        executor.execute(this::loop);
    }

    private void nudge() {
        wake.release();
    }

    private void loop() {
        Thread thread = Thread.currentThread();
        String name = thread.getName();
        thread.setName("tnsrelay-cluster-" + instanceName);
        try {
            tell();
        } finally {
            thread.setName(name);
        }
    }

    private void tell() {
        String lastFailure = "";
        while (!closed) {
            try {
                if (membersChanged) {
                    membersChanged = false;
                    board.forgetDeparted();
                    rules.reconcile();
                }
                board.publish();
                users.push();
                journal.publish();
                lastFailure = "";
            } catch (Exception | LinkageError e) {
                if (!closed && !e.toString().equals(lastFailure)) { // once, not every second
                    LOG.log(Level.WARNING, "tnsrelay: the cluster could not be told this node''s status: {0}",
                            e.toString());
                }
                lastFailure = e.toString();
            }
            try {
                wake.tryAcquire(1, TimeUnit.SECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The addresses of the gateways of every node that takes connections now, this node's first. */
    public List<Address> gateways() {
        List<Address> out = new ArrayList<>();
        for (String a : board.liveGateways()) {
            int colon = a.lastIndexOf(':');
            String host = a.substring(0, colon);
            out.add(Address.tcp(host.contains(":") ? "[" + host + "]" : host, Integer.parseInt(a.substring(colon + 1))));
        }
        return out;
    }

    @Override
    public Optional<ClusterStatus> status() {
        List<ClusterMember> members = board.members();
        return Optional.of(new ClusterStatus(grid.clusterName(), grid.configuredMembers().orElse(0),
                board.noQuorum().isEmpty(), rules.current().version(), members));
    }

    @Override
    public String self() {
        return self;
    }

    private void requireMember(String node) {
        List<String> members = grid.members().stream().map(GridMember::address).toList();
        if (!members.contains(node)) {
            throw AdminError.NODE.exception("no node " + node + " in cluster " + grid.clusterName() + "; its nodes are "
                    + String.join(", ", members));
        }
    }

    @Override
    public List<Connection> connections(Caller caller, String node, ConnectionFilter filter) {
        requireMember(node);
        return requests.connections(caller, node, filter.text());
    }

    @Override
    public int close(Caller caller, String node, ConnectionFilter filter) {
        requireMember(node);
        return requests.close(caller, node, filter.text());
    }

    @Override
    public void act(Caller caller, String node, NodeAction action) {
        requireMember(node);
        requests.act(caller, node, action);
    }

    @Override
    public List<ClusterEvent> events(int limit) {
        return journal.events(limit);
    }

    @Override
    public List<ClusterEvent> audit(int limit) {
        return journal.audit(limit);
    }

    /** Leaves: the others see this node gone at once; its registrations stay until they expire. */
    @Override
    public void close() {
        closed = true;
        nudge();
        for (AutoCloseable l : listening) {
            try {
                l.close();
            } catch (Exception e) {
                // the grid is going away with the server
            }
        }
        try {
            board.leave();
        } catch (RuntimeException e) {
            // the grid is going away with the server
        }
    }
}
