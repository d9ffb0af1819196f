package dev.tnsrelay.admin;

import dev.tnsrelay.gateway.SessionInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * One row of {@code show connections}, as every door shows it; {@code state} in cmctl's lower case.
 *
 * @param peer the subject DN of the client's certificate on a TCPS endpoint with client authentication, else ""
 */
public record Connection(long id, String client, String server, String service, int gateway, String state,
        Instant started, long ageSeconds, long idleSeconds, long bytesIn, long bytesOut, String peer) {

    static Connection of(SessionInfo s, Instant now) {
        return new Connection(s.id(), s.client(), s.server(), s.service(), s.gateway(),
                s.state().name().toLowerCase(Locale.ROOT), s.start(), Duration.between(s.start(), now).toSeconds(),
                s.idle().toSeconds(), s.bytesIn(), s.bytesOut(), s.peer());
    }
}
