package dev.tnsrelay.admin.jmx;

/** {@code dev.tnsrelay:type=Gateway,name="<instance>@<port>",id=<n>}: one gateway's figures, suspend and resume. */
public interface GatewayMXBean {

    int getId();

    /** READY or SUSPENDED; DRAINING, STOPPED or FAILED with the instance. */
    String getState();

    int getActiveConnections();

    int getPeakActiveConnections();

    long getTotalConnections();

    long getTotalConnectionsRefused();

    /** Stop taking new connections (a drain); established sessions go on. */
    void suspend();

    void resume();
}
