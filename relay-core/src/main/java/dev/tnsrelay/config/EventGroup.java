package dev.tnsrelay.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * CMAN's event groups (EVENT_GROUP, {@code set event <group> on|off}). Every line of an instance's log belongs
 * to one; EVENT_GROUP says which are written. tnsrelay has events for seven of the nine; {@link #MEMORY_OPS} and
 * {@link #WAKE_UP} have none (memory is the Java VM's; the loops are not woken by timers of their own) and are
 * refused rather than accepted to log nothing.
 */
public enum EventGroup {
    /** The instance starts, stops or fails. */
    INIT_AND_TERM(true),
    MEMORY_OPS(false),
    /** Connection handling: a client connects, is refused, dropped, redirected, established; a handshake ends. */
    CONN_HDLG(true),
    /** The gateways (CMAN's gateway processes) start and stop. */
    PROC_MGMT(true),
    /** Service registrations: registered, refused, unregistered. */
    REG_AND_LOAD(true),
    WAKE_UP(false),
    /** A session ended by a timeout (INBOUND_CONNECT_TIMEOUT, IDLE_TIMEOUT/MIT, SESSION_TIMEOUT/MCT). */
    TIMER(true),
    /** Administration: parameters changed by SET or RELOAD. */
    CMD_PROC(true),
    /** A relayed session ends, with its bytes and duration. */
    RELAY(true);

    private final boolean hasEvents;

    EventGroup(boolean hasEvents) {
        this.hasEvents = hasEvents;
    }

    /** The name cman.ora and cmctl use: {@code init_and_term}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean hasEvents() {
        return hasEvents;
    }

    /** Every group's name, in Oracle's order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(EventGroup::text).toList();
    }

    /** The names of the groups tnsrelay writes events for. */
    public static List<String> withEvents() {
        return Arrays.stream(values()).filter(EventGroup::hasEvents).map(EventGroup::text).toList();
    }

    public static EventGroup of(String text) {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }
}
