package dev.tnsrelay.grid;

/**
 * One member of the grid.
 *
 * @param id unique for the member's life in the cluster (a restarted server is a new member)
 * @param address where the grid reaches it, {@code host:port}: the node's name in tnsrelay's views
 */
public record GridMember(String id, String address) {
}
