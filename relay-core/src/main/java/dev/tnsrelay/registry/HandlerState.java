package dev.tnsrelay.registry;

/** A handler's state as the database reports it. */
public enum HandlerState {
    /** Takes new connections. */
    READY,
    /** Takes none (e.g. the instance is starting, or is at its process limit). */
    BLOCKED,
    /** Takes only users with RESTRICTED SESSION, which a gateway cannot tell: treated as not taking any. */
    RESTRICTED
}
