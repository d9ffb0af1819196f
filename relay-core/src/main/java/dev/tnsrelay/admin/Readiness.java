package dev.tnsrelay.admin;

/**
 * Whether the instance takes new connections, for a load balancer: it listens and at least one gateway is not
 * suspended.
 *
 * @param state the instance's state (RUNNING, DRAINING, STOPPED, FAILED)
 * @param reason why not, or {@code listening}
 */
public record Readiness(boolean ready, String state, String reason) {
}
