package dev.tnsrelay.gateway;

import java.time.Duration;
import java.time.Instant;

/**
 * One row of {@code show connections}: an immutable snapshot taken on the session's gateway thread.
 *
 * @param bytesIn bytes received from the client
 * @param bytesOut bytes sent to the client
 */
public record SessionInfo(long id, String client, String server, String service, int gateway,
        SessionState state, Instant start, Duration idle, long bytesIn, long bytesOut) {
}
