package dev.tnsrelay.admin;

import java.util.List;
import java.util.Optional;

/**
 * What the admin model asks of the cluster its instance belongs to: its members and their figures, the events
 * and audit records of every node, and the connections and actions of another node, run there by that node's own
 * model in the caller's name. {@link #ALONE} for an instance that belongs to none.
 */
public interface ClusterControl {

    /** No cluster: the instance runs alone. */
    ClusterControl ALONE = new ClusterControl() {
        @Override
        public Optional<ClusterStatus> status() {
            return Optional.empty();
        }

        @Override
        public String self() {
            return "";
        }

        @Override
        public List<Connection> connections(Caller caller, String node, ConnectionFilter filter) {
            throw alone(node);
        }

        @Override
        public int close(Caller caller, String node, ConnectionFilter filter) {
            throw alone(node);
        }

        @Override
        public void act(Caller caller, String node, NodeAction action) {
            throw alone(node);
        }

        @Override
        public List<ClusterEvent> events(int limit) {
            return List.of();
        }

        @Override
        public List<ClusterEvent> audit(int limit) {
            return List.of();
        }

        private AdminException alone(String node) {
            return AdminError.NODE.exception("this instance runs alone: there is no node " + node);
        }
    };

    /** The cluster now; empty when the instance runs alone. */
    Optional<ClusterStatus> status();

    /** This node's name. */
    String self();

    /**
     * The connections {@code filter} selects on another node.
     *
     * @throws AdminException NODE when there is no such node or it does not answer in time; or the node's own
     */
    List<Connection> connections(Caller caller, String node, ConnectionFilter filter);

    /** CLOSE CONNECTIONS on another node: the number closed. */
    int close(Caller caller, String node, ConnectionFilter filter);

    /** Suspends, resumes, drains or starts up another node. */
    void act(Caller caller, String node, NodeAction action);

    /** The newest events of every node, at most {@code limit}, oldest first. */
    List<ClusterEvent> events(int limit);

    /** The newest audit records of every node, at most {@code limit}, oldest first. */
    List<ClusterEvent> audit(int limit);
}
