package dev.tnsrelay.admin;

import java.util.List;

/**
 * {@code show cluster}: the cluster this instance belongs to and its members, the oldest first.
 *
 * @param cluster the cluster's name; empty when this instance runs alone
 * @param configuredMembers how many members the cluster was configured with (its TCP/IP member list); 0 when
 *        members find each other and their number is not known beforehand
 * @param quorum true when rule list changes are taken: a majority of the configured members is present (always
 *        true when the number is not known)
 * @param rulesVersion the version of the shared rule list
 */
public record ClusterStatus(String cluster, int configuredMembers, boolean quorum, long rulesVersion,
        List<ClusterMember> members) {

    public ClusterStatus {
        members = List.copyOf(members);
    }

    public boolean alone() {
        return cluster.isEmpty();
    }
}
