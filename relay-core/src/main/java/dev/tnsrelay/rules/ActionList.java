package dev.tnsrelay.rules;

import java.time.Duration;
import java.util.Optional;

/**
 * A rule's ACTION_LIST: overrides of the instance parameters for the sessions the rule accepts. Empty means
 * "use the parameter". AUT overrides ASO_AUTHENTICATION_FILTER, MOCT OUTBOUND_CONNECT_TIMEOUT, MCT
 * SESSION_TIMEOUT, MIT IDLE_TIMEOUT and CONN_STATS CONNECTION_STATISTICS. Times are seconds; 0 is no limit.
 */
public record ActionList(Optional<Boolean> authenticationFilter, Optional<Duration> outboundConnectTimeout,
        Optional<Duration> sessionTimeout, Optional<Duration> idleTimeout, Optional<Boolean> connectionStatistics) {

    public static final ActionList NONE =
            new ActionList(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** {@code (ACTION_LIST=(AUT=on)(MOCT=10)…)} with the overrides given, or nothing when there are none. */
    public String text() {
        StringBuilder out = new StringBuilder();
        authenticationFilter.ifPresent(v -> out.append("(AUT=").append(v ? "on" : "off").append(')'));
        outboundConnectTimeout.ifPresent(d -> out.append("(MOCT=").append(d.toSeconds()).append(')'));
        sessionTimeout.ifPresent(d -> out.append("(MCT=").append(d.toSeconds()).append(')'));
        idleTimeout.ifPresent(d -> out.append("(MIT=").append(d.toSeconds()).append(')'));
        connectionStatistics.ifPresent(v -> out.append("(CONN_STATS=").append(v ? "on" : "off").append(')'));
        return out.isEmpty() ? "" : "(ACTION_LIST=" + out + ")";
    }
}
