package dev.tnsrelay.gateway;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * A client address the IP rate limit blocks on one listening endpoint.
 *
 * @param address the client's address (after a PROXY header, the one it names)
 * @param endpoint the listening address it connected to too often
 * @param since when it went over IP_RATE_COUNT
 * @param until when its block ends, unless an administrator lifts it first
 */
public record BlockedAddress(InetAddress address, InetSocketAddress endpoint, Instant since, Instant until) {
}
