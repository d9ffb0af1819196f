package dev.tnsrelay.admin;

import java.time.Instant;
import java.util.List;

/**
 * One node of the cluster in {@code show cluster}: what it last told the others about itself (every second).
 *
 * @param node the node's name: its address in the data grid, {@code host:port}
 * @param self true for the node that answers
 * @param state RUNNING, DRAINING, STOPPED, FAILED as {@code show status} says; JOINING before it has told
 * @param listening where its gateway listens (clients' addresses: a wildcard bind shows the node's host)
 * @param rulesVersion the version of the rule list it applies
 * @param seen when it last told
 */
public record ClusterMember(String node, boolean self, String state, List<String> listening, int gateways,
        int activeSessions, long totalSessions, long refusedSessions, long rulesVersion, Instant started,
        Instant seen) {

    public ClusterMember {
        listening = List.copyOf(listening);
    }
}
