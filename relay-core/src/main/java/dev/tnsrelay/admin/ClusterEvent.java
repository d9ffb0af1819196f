package dev.tnsrelay.admin;

import java.time.Instant;

/** An event or audit record of one node, as every node of the cluster shows it. */
public record ClusterEvent(String node, Instant time, String kind, String text) {
}
