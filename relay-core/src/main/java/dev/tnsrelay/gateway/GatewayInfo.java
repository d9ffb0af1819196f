package dev.tnsrelay.gateway;

/** One row of {@code show gateways}. */
public record GatewayInfo(int id, boolean suspended, int active, int peak, long total, long refused) {

    /** READY or SUSPENDED, as cmctl prints it. */
    public String state() {
        return suspended ? "SUSPENDED" : "READY";
    }
}
