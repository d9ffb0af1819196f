package dev.tnsrelay.gateway;

/** Where a session stands; the names are what {@code show connections} prints. */
public enum SessionState {
    /** Reading the client's CONNECT and its overflow connect data. */
    CONNECTING_IN,
    /** Opening the connection to the next hop. */
    CONNECTING_OUT,
    /** The CONNECT was forwarded; waiting for ACCEPT, REFUSE, REDIRECT or RESEND. */
    HANDSHAKE,
    /** The next hop asked for a RESEND; waiting for the client's repeated CONNECT. */
    RESEND,
    /** Relaying bytes both ways without looking at them. */
    ESTABLISHED,
    /** Ended. */
    CLOSED
}
