package dev.tnsrelay.admin.jmx;

import dev.tnsrelay.admin.ClusterMember;
import java.util.List;

/** One member as a JMX console shows it (a CompositeData); instants as ISO-8601 text, empty when unknown. */
public record ClusterMemberRow(String node, boolean self, String state, List<String> listening, int gateways,
        int activeSessions, long totalSessions, long refusedSessions, long rulesVersion, String started,
        String seen) {

    static ClusterMemberRow of(ClusterMember m) {
        return new ClusterMemberRow(m.node(), m.self(), m.state(), m.listening(), m.gateways(), m.activeSessions(),
                m.totalSessions(), m.refusedSessions(), m.rulesVersion(),
                m.started() == null ? "" : m.started().toString(), m.seen() == null ? "" : m.seen().toString());
    }
}
