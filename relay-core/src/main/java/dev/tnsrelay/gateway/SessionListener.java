package dev.tnsrelay.gateway;

/**
 * What happens to sessions, as it happens: the event log, the statistics, the instance's log file and the
 * tests all listen here instead of polling. Called on the session's gateway thread, so a listener must be quick
 * and must not block; a {@link RuntimeException} from it is logged and the session goes on, an {@link Error}
 * fails the instance (it is not a state a gateway can serve from).
 */
public interface SessionListener {

    /** A client connected; the snapshot knows only where from, yet. */
    default void opened(SessionInfo session) {
    }

    /** The connect was refused — by the gateway, or by a next hop whose REFUSE was passed on. */
    default void refused(SessionInfo session, Refusal refusal) {
    }

    /** A rule dropped the connect: closed without a word to the client. */
    default void dropped(SessionInfo session, String reason) {
    }

    /** The next hop answered REDIRECT and the gateway follows it to {@code target} itself. */
    default void redirected(SessionInfo session, String target) {
    }

    /** The next hop answered ACCEPT: from now on bytes are relayed both ways. */
    default void established(SessionInfo session) {
    }

    /**
     * The client's TLS handshake on a TCPS endpoint failed (its cause: no certificate, unknown CA, protocol too
     * old…); the session ends ({@link #closed}) without a word to the client, which has no TLS to hear it. A next
     * hop's TLS failure is a {@link #refused} with reason NEXT_HOP. Both are counted per cause by the engine
     * ({@link RelayEngine#tlsFailures()}).
     */
    default void tlsFailed(SessionInfo session, dev.tnsrelay.tls.TlsFailure failure) {
    }

    /**
     * A client address went over the IP rate limit (IP_RATE_*) on an endpoint and is blocked until
     * {@link BlockedAddress#until()}: told once per block, on the gateway thread of the connection that went over.
     */
    default void blocked(BlockedAddress blocked) {
    }

    /** The session ended; the snapshot has its final byte counts. */
    default void closed(SessionInfo session, String cause) {
    }
}
