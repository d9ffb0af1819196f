package dev.tnsrelay.logfile;

import java.util.Locale;

/** LOG_LEVEL: each level writes what the one before does, and more. */
public enum LogLevel {
    /** Nothing. */
    OFF,
    /** The instance starting and stopping, refusals and drops, parameters changed, registrations refused. */
    USER,
    /** And every session's start and end (who, where, bytes, duration, cause), gateways, registrations. */
    ADMIN,
    /** And the handshake: a client connecting, redirects followed, handshakes that end unfinished, renewals. */
    SUPPORT;

    /** The level of a LOG_LEVEL value ({@code off}, {@code user}, {@code admin}, {@code support}). */
    public static LogLevel of(String text) {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
