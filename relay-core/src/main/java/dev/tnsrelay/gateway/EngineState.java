package dev.tnsrelay.gateway;

/** Where an instance's engine stands; {@code show status} and readiness say the same. */
public enum EngineState {
    /** Binding its addresses and starting its loops. */
    STARTING,
    /** Listening and relaying. */
    RUNNING,
    /** SHUTDOWN NORMAL: no longer listening; ends when the last session does. */
    DRAINING,
    /** Stopped: nothing listens, no session is left. */
    STOPPED,
    /** Stopped by a fault it cannot serve through (an {@link Error} in a loop); see the log. */
    FAILED
}
