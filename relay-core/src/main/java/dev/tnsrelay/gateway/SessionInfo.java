package dev.tnsrelay.gateway;

import java.time.Duration;
import java.time.Instant;

/**
 * One row of {@code show connections}: an immutable snapshot taken on the session's gateway thread.
 *
 * @param bytesIn bytes received from the client
 * @param bytesOut bytes sent to the client
 * @param clientId who the client says it is, from the CID of its CONNECT_DATA; empty until its CONNECT is read
 * @param peer the subject DN of the client's certificate on a TCPS endpoint with client authentication, else ""
 */
public record SessionInfo(long id, String client, String server, String service, int gateway,
        SessionState state, Instant start, Duration idle, long bytesIn, long bytesOut, ClientId clientId,
        String peer) {

    /**
     * The CID a client puts in its CONNECT_DATA: {@code (CID=(PROGRAM=…)(HOST=…)(USER=…))}. Client-controlled
     * text: escape it wherever it is shown or logged.
     */
    public record ClientId(String program, String host, String user) {
        public static final ClientId NONE = new ClientId("", "", "");
    }

    /** A snapshot without a client identity or certificate (tools and tests). */
    public SessionInfo(long id, String client, String server, String service, int gateway, SessionState state,
            Instant start, Duration idle, long bytesIn, long bytesOut) {
        this(id, client, server, service, gateway, state, start, idle, bytesIn, bytesOut, ClientId.NONE, "");
    }
}
