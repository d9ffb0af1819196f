package dev.tnsrelay.admin.cmctl;

import dev.tnsrelay.admin.ClusterEvent;
import dev.tnsrelay.admin.ClusterMember;
import dev.tnsrelay.admin.ClusterStatus;
import dev.tnsrelay.admin.NodeConnections;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The cluster's views in cmctl's manner: {@code show cluster}, every node's events, connections by node. */
public final class ClusterLayouts {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String ROW = "%-24s %-9s %-28s %4s %7s %9s %8s %6s %s%n";

    private ClusterLayouts() {
    }

    /** {@code show cluster}: one line per member, the oldest first, this node marked with {@code *}. */
    public static String status(ClusterStatus c) {
        StringBuilder out = new StringBuilder();
        if (c.alone()) {
            out.append("Cluster                      (none: this instance runs alone)\n");
        } else {
            out.append(String.format(Locale.ROOT, "%-28s %s%n", "Cluster", c.cluster()))
                    .append(String.format(Locale.ROOT, "%-28s %d%s%n", "Members", c.members().size(),
                            c.configuredMembers() > 0 ? " of " + c.configuredMembers() + " configured" : ""))
                    .append(String.format(Locale.ROOT, "%-28s %s%n", "Rule list changes",
                            c.quorum() ? "taken" : "refused: fewer than a majority of the configured members"));
        }
        out.append(String.format(Locale.ROOT, "%-28s %d%n%n", "Rules version", c.rulesVersion()));
        out.append(String.format(Locale.ROOT, ROW, "NODE", "STATE", "LISTENING", "GWS", "ACTIVE", "TOTAL", "REFUSED",
                "RULES", "LAST SEEN"));
        for (ClusterMember m : c.members()) {
            out.append(String.format(Locale.ROOT, ROW, (m.node().isEmpty() ? "(this instance)" : m.node())
                    + (m.self() ? " *" : ""), m.state(), String.join(",", m.listening()), m.gateways(),
                    m.activeSessions(), m.totalSessions(), m.refusedSessions(), m.rulesVersion(),
                    m.self() || m.seen() == null ? "-" : TIME.format(m.seen())));
        }
        return out.append(CmctlLayouts.DONE).toString();
    }

    /** Events or audit records of every node, oldest first, with the node each comes from. */
    public static String events(List<ClusterEvent> events) {
        StringBuilder out = new StringBuilder();
        for (ClusterEvent e : events) {
            out.append(String.format(Locale.ROOT, "%s %-21s %-9s %s%n", TIME.format(e.time()), e.node(), e.kind(),
                    e.text()));
        }
        return out.append(CmctlLayouts.DONE).toString();
    }

    /** SHOW CONNECTIONS with a node filter: each node's connections under its name; none anywhere is TNS-04049. */
    public static String connections(List<NodeConnections> nodes) {
        int total = nodes.stream().mapToInt(n -> n.connections().size()).sum();
        if (total == 0) {
            throw dev.tnsrelay.admin.AdminError.NO_CONNECTIONS.exception();
        }
        StringBuilder out = new StringBuilder();
        for (NodeConnections n : nodes) {
            String table = CmctlLayouts.connections(n.connections());
            out.append("Node ").append(n.node()).append('\n')
                    .append(table, 0, table.length() - CmctlLayouts.DONE.length()).append('\n');
        }
        return out.append("Number of connections on every node: ").append(total).append('\n')
                .append(CmctlLayouts.DONE).toString();
    }
}
