package dev.tnsrelay.admin;

import java.time.Instant;

/**
 * One administration session (a screen login, a remote JMX connection, a command-line request): it counts
 * against MAX_CMCTL_SESSIONS from {@link Administration#openSession} until {@link #close()}.
 */
public final class AdminSession implements AutoCloseable {

    private final String id;
    private final Caller caller;
    private final String door;
    private final Instant opened;
    private final AdminSessions owner;

    AdminSession(String id, Caller caller, String door, Instant opened, AdminSessions owner) {
        this.id = id;
        this.caller = caller;
        this.door = door;
        this.opened = opened;
        this.owner = owner;
    }

    /** Random and unguessable: a door keeps it to find the session again ({@link Administration#session}). */
    public String id() {
        return id;
    }

    public Caller caller() {
        return caller;
    }

    /** Where it came from: {@code screens from 10.0.0.7}, {@code JMX from 127.0.0.1}. */
    public String door() {
        return door;
    }

    public Instant opened() {
        return opened;
    }

    /** Ends the session; closing twice is harmless. */
    @Override
    public void close() {
        owner.close(id);
    }
}
