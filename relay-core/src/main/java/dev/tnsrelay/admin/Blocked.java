package dev.tnsrelay.admin;

import dev.tnsrelay.gateway.BlockedAddress;
import dev.tnsrelay.net.IpLiteral;
import java.time.Duration;
import java.time.Instant;

/**
 * One row of {@code show blocked} (a tnsrelay extension): a client address the IP rate limit (IP_RATE_*) blocks on
 * one listening endpoint, as every door shows it.
 *
 * @param address the client's address, IPv6 short ({@code ::1})
 * @param endpoint the listening address, {@code host:port} with IPv6 in brackets
 * @param since when it went over IP_RATE_COUNT
 * @param until when the block ends unless an administrator lifts it ({@code unblock})
 * @param secondsLeft until then, from when it was read
 */
public record Blocked(String address, String endpoint, Instant since, Instant until, long secondsLeft) {

    static Blocked of(BlockedAddress b, Instant now) {
        String host = IpLiteral.text(b.endpoint().getAddress());
        return new Blocked(IpLiteral.text(b.address()), (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":"
                + b.endpoint().getPort(), b.since(), b.until(), Math.max(0, Duration.between(now, b.until()).toSeconds()));
    }
}
