package dev.tnsrelay.admin.jmx;

import java.util.List;

/**
 * {@code dev.tnsrelay:type=Cluster,name="<instance>@<port>"}: the cluster this instance belongs to, as seen from
 * this node; a node is named {@code host:port} as {@link #getMembers()} lists it. Alone: no name, itself only.
 */
public interface ClusterMXBean {

    /** The cluster's name; empty when the instance runs alone. */
    String getName();

    /** The members, the oldest first, with each node's state, listening addresses, figures and rules version. */
    List<ClusterMemberRow> getMembers();

    /** The version of the rule list every node applies. */
    long getRulesVersion();

    /** {@code show cluster}, as cmctl prints it. */
    String getStatus();

    /** The newest events of every node: time, node, kind, text. */
    List<String> getEvents();

    /** The newest audit records of every node: time, node, record. */
    List<String> getAudit();

    /** Every gateway of the node takes no new connection; its sessions go on. */
    void suspend(String node);

    void resume(String node);

    /** The node stops listening and ends with its last session. */
    void drain(String node);

    /** The node starts again after a drain or a shutdown. */
    void startup(String node);
}
