package dev.tnsrelay.admin.jmx;

import javax.management.ConstructorParameters;

/** One connection, as a JMX console shows it (a CompositeData). */
public final class ConnectionRow {

    private final long id;
    private final String client;
    private final String server;
    private final String service;
    private final int gateway;
    private final String state;
    private final long ageSeconds;
    private final long idleSeconds;
    private final long bytesIn;
    private final long bytesOut;

    @ConstructorParameters({"id", "client", "server", "service", "gateway", "state", "ageSeconds", "idleSeconds",
            "bytesIn", "bytesOut"})
    public ConnectionRow(long id, String client, String server, String service, int gateway, String state,
            long ageSeconds, long idleSeconds, long bytesIn, long bytesOut) {
        this.id = id;
        this.client = client;
        this.server = server;
        this.service = service;
        this.gateway = gateway;
        this.state = state;
        this.ageSeconds = ageSeconds;
        this.idleSeconds = idleSeconds;
        this.bytesIn = bytesIn;
        this.bytesOut = bytesOut;
    }

    public long getId() {
        return id;
    }

    public String getClient() {
        return client;
    }

    public String getServer() {
        return server;
    }

    public String getService() {
        return service;
    }

    public int getGateway() {
        return gateway;
    }

    public String getState() {
        return state;
    }

    public long getAgeSeconds() {
        return ageSeconds;
    }

    public long getIdleSeconds() {
        return idleSeconds;
    }

    public long getBytesIn() {
        return bytesIn;
    }

    public long getBytesOut() {
        return bytesOut;
    }
}
