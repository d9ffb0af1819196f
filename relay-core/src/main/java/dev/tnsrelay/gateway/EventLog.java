package dev.tnsrelay.gateway;

import dev.tnsrelay.logging.LogText;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The most recent events of an instance, oldest dropped first. Written from the gateway threads on refusals
 * and from admin threads; a short lock per event, off the relay path (established sessions write none).
 */
public final class EventLog {

    public static final int CAPACITY = 1000;

    private final Clock clock;
    private final Deque<Event> events = new ArrayDeque<>();
    private long sequence;

    public EventLog(Clock clock) {
        this.clock = clock;
    }

    /** Adds an event; its text is escaped and bounded ({@link LogText}), as clients write part of it. */
    public synchronized Event add(String kind, String text) {
        Event e = new Event(++sequence, clock.instant(), kind, LogText.of(text));
        if (events.size() == CAPACITY) {
            events.removeFirst();
        }
        events.addLast(e);
        notifyAll();
        return e;
    }

    /** Waits until an event after {@code after} matches; the event, or null when {@code limit} passes first. */
    public synchronized Event await(long after, java.util.function.Predicate<Event> matches, java.time.Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            for (Event e : events) {
                if (e.sequence() > after && matches.test(e)) {
                    return e;
                }
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return null;
            }
            wait(left);
        }
    }

    /** The events after {@code sequence} (0: all kept), oldest first, at most {@code limit} of the newest. */
    public synchronized List<Event> since(long after, int limit) {
        List<Event> out = new ArrayList<>();
        for (Event e : events) {
            if (e.sequence() > after) {
                out.add(e);
            }
        }
        return out.size() <= limit ? out : List.copyOf(out.subList(out.size() - limit, out.size()));
    }
}
