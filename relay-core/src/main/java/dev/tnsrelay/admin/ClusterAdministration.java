package dev.tnsrelay.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The cluster as the doors show and change it ({@code show cluster}, the node filter of show and close
 * connections, suspend, resume, drain and startup of a node), with the model's rules: a MONITOR looks, an ADMIN
 * changes, and every change is in the audit log of the node it was asked on (and, when it runs on another node, in
 * that node's too). An instance that runs alone answers with itself as the only node.
 */
public final class ClusterAdministration {

    /** Every node, in a node filter. */
    public static final String EVERY_NODE = "*";

    private final Administration admin;
    private final ClusterControl control;
    private final AuditLog audit;

    ClusterAdministration(Administration admin, ClusterControl control, AuditLog audit) {
        this.admin = admin;
        this.control = control;
        this.audit = audit;
    }

    /** {@code show cluster}: the members, the oldest first; alone, this instance only and no cluster name. */
    public ClusterStatus status(Caller caller) {
        Administration.looks(caller);
        return control.status().orElseGet(() -> new ClusterStatus("", 0, true, admin.rulesVersion(caller),
                List.of(localMember("", caller))));
    }

    /** What this node tells the others about itself: its state, listening addresses and figures now. */
    public ClusterMember localMember(String node, Caller caller) {
        InstanceStatus s = admin.status(caller);
        List<GatewayStatus> g = admin.gateways(caller);
        boolean up = s.state().equals("RUNNING") || s.state().equals("DRAINING");
        return new ClusterMember(node, true, s.state(), s.listening(), up ? g.size() : 0,
                g.stream().mapToInt(GatewayStatus::active).sum(), g.stream().mapToLong(GatewayStatus::total).sum(),
                g.stream().mapToLong(GatewayStatus::refused).sum(), admin.rulesVersion(caller), s.started(), null);
    }

    /** The nodes a filter's node names: one, or every node for {@code *}. */
    private List<String> nodes(String node) {
        if (!node.equals(EVERY_NODE)) {
            return List.of(node);
        }
        return control.status().map(s -> s.members().stream().map(ClusterMember::node).toList())
                .orElse(List.of(control.self()));
    }

    private boolean isSelf(String node) {
        return node.equals(control.self());
    }

    /** SHOW CONNECTIONS on a node, or on every node: each node's own answer. */
    public List<NodeConnections> connections(Caller caller, ConnectionFilter filter) {
        Administration.looks(caller);
        String node = filter.node().orElse(control.self());
        List<NodeConnections> out = new ArrayList<>();
        for (String n : nodes(node)) {
            out.add(new NodeConnections(n, isSelf(n) ? admin.localConnections(caller, filter)
                    : control.connections(caller, n, filter)));
        }
        return out;
    }

    /** CLOSE CONNECTIONS on a node, or on every node; none closed anywhere is TNS-04049. */
    public int close(Caller caller, ConnectionFilter filter) {
        String node = filter.node().orElse(control.self());
        return change(caller, ("close connections node " + node + " " + filter.text()).strip(), () -> {
            int closed = 0;
            for (String n : nodes(node)) {
                try {
                    closed += isSelf(n) ? admin.localClose(caller, filter) : control.close(caller, n, filter);
                } catch (AdminException e) {
                    if (e.error() != AdminError.NO_CONNECTIONS || !node.equals(EVERY_NODE)) {
                        throw e;
                    }
                }
            }
            if (closed == 0) {
                throw AdminError.NO_CONNECTIONS.exception();
            }
            return closed;
        });
    }

    /** Every gateway of the node takes no new connection; its sessions go on. */
    public void suspend(Caller caller, String node) {
        act(caller, node, NodeAction.SUSPEND);
    }

    public void resume(Caller caller, String node) {
        act(caller, node, NodeAction.RESUME);
    }

    /** The node stops listening and ends with its last session (shutdown normal there). */
    public void drain(Caller caller, String node) {
        act(caller, node, NodeAction.DRAIN);
    }

    /** The node starts again after a drain or a shutdown. */
    public void startup(Caller caller, String node) {
        act(caller, node, NodeAction.STARTUP);
    }

    private void act(Caller caller, String node, NodeAction action) {
        change(caller, action.verb() + " node " + node, () -> {
            for (String n : nodes(node)) {
                if (isSelf(n)) {
                    action.runOn(admin, caller);
                } else {
                    control.act(caller, n, action);
                }
            }
            return null;
        });
    }

    /** The newest events of every node (alone: this node's), oldest first. */
    public List<ClusterEvent> events(Caller caller, int limit) {
        Administration.looks(caller);
        if (control.status().isEmpty()) {
            return admin.events(caller, 0, limit).stream()
                    .map(e -> new ClusterEvent("", e.time(), e.kind(), e.text())).toList();
        }
        return control.events(limit);
    }

    /** The newest audit records of every node (alone: none here, the audit log is this node's file), oldest first. */
    public List<ClusterEvent> audit(Caller caller, int limit) {
        Administration.looks(caller);
        return control.audit(limit);
    }

    private <T> T change(Caller caller, String what, Supplier<T> action) {
        Administration.looks(caller);
        try {
            admin.checkChange(caller, what);
            T result = action.get();
            audit.record(caller.name(), what, "done");
            return result;
        } catch (RuntimeException e) {
            audit.record(caller.name(), what, "failed: " + e.getMessage());
            throw e;
        }
    }
}
