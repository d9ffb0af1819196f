package dev.tnsrelay.gateway;

/**
 * One row of {@code show gateways}.
 *
 * @param bytesIn bytes received from clients by this gateway since it started (relayed or not)
 * @param bytesOut bytes sent to clients by this gateway since it started
 */
public record GatewayInfo(int id, boolean suspended, int active, int peak, long total, long refused, long bytesIn,
        long bytesOut) {

    /** READY or SUSPENDED, as cmctl prints it. */
    public String state() {
        return suspended ? "SUSPENDED" : "READY";
    }
}
