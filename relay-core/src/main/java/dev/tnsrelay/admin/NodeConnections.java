package dev.tnsrelay.admin;

import java.util.List;

/** The connections of one node (a {@code show connections node …}). */
public record NodeConnections(String node, List<Connection> connections) {

    public NodeConnections {
        connections = List.copyOf(connections);
    }
}
