package dev.tnsrelay.gateway;

/**
 * A moment at which a session must check a timeout. Deadlines are not moved when a session is active:
 * when one fires, the session looks at its own clock and schedules the next if the time has not yet come.
 * So activity costs nothing, and the queue holds about one entry per timeout per session.
 */
record Deadline(long dueNanos, Session session, Kind kind, int generation) implements Comparable<Deadline> {

    enum Kind { INBOUND_CONNECT, OUTBOUND_CONNECT, IDLE, SESSION }

    @Override
    public int compareTo(Deadline o) {
        return Long.compare(dueNanos, o.dueNanos);
    }
}
