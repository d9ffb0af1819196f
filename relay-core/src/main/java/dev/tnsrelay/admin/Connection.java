package dev.tnsrelay.admin;

import dev.tnsrelay.gateway.SessionInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * One row of {@code show connections}, as every door shows it; {@code state} in cmctl's lower case, addresses
 * as {@code host:port} with IPv6 in brackets.
 *
 * @param program the client's PROGRAM from the CID of its connect data; {@code host} and {@code user} its HOST
 *     and USER. Client-controlled text: every door escapes it where it shows it
 * @param peer the subject DN of the client's certificate on a TCPS endpoint with client authentication, else ""
 */
public record Connection(long id, String client, String server, String service, int gateway, String state,
        Instant started, long ageSeconds, long idleSeconds, long bytesIn, long bytesOut, String program, String host,
        String user, String peer) {

    static Connection of(SessionInfo s, Instant now) {
        SessionInfo.ClientId cid = s.clientId() == null ? SessionInfo.ClientId.NONE : s.clientId();
        return new Connection(s.id(), Endpoints.hostPort(s.client()), Endpoints.hostPort(s.server()), s.service(),
                s.gateway(), s.state().name().toLowerCase(Locale.ROOT), s.start(),
                Duration.between(s.start(), now).toSeconds(), s.idle().toSeconds(), s.bytesIn(), s.bytesOut(),
                cid.program(), cid.host(), cid.user(), s.peer() == null ? "" : s.peer());
    }
}
