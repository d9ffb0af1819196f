package dev.tnsrelay.admin;

/**
 * One row of {@code show gateways}.
 *
 * @param state READY or SUSPENDED while the instance runs; DRAINING, STOPPED or FAILED with the instance
 */
public record GatewayStatus(int id, String state, int active, int peak, long total, long refused) {
}
