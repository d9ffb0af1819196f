package dev.tnsrelay.testing;

import dev.tnsrelay.gateway.Refusal;
import dev.tnsrelay.gateway.SessionInfo;
import dev.tnsrelay.gateway.SessionListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a test knows of an engine's sessions, from the session listener SPI: tests wait on these events, never
 * on sleeps or polls.
 */
public final class SessionEvents implements SessionListener {

    private int open;
    private int established;
    private int closed;
    private final List<Refusal> refusals = new ArrayList<>();
    private final List<String> closeCauses = new ArrayList<>();

    @Override
    public synchronized void opened(SessionInfo session) {
        open++;
        notifyAll();
    }

    @Override
    public synchronized void refused(SessionInfo session, Refusal refusal) {
        refusals.add(refusal);
        notifyAll();
    }

    @Override
    public synchronized void established(SessionInfo session) {
        established++;
        notifyAll();
    }

    @Override
    public synchronized void closed(SessionInfo session, String cause) {
        open--;
        closed++;
        closeCauses.add(cause);
        notifyAll();
    }

    /** Sessions opened and not yet closed. */
    public synchronized int open() {
        return open;
    }

    public synchronized int established() {
        return established;
    }

    public synchronized int closed() {
        return closed;
    }

    public synchronized List<Refusal> refusals() {
        return List.copyOf(refusals);
    }

    public synchronized List<String> closeCauses() {
        return List.copyOf(closeCauses);
    }

    /** Waits until {@code condition} holds of these events; false when {@code limit} passes first. */
    public synchronized boolean await(Predicate<SessionEvents> condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.test(this)) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /** Waits until every session opened has closed. */
    public boolean awaitNoSessions(Duration limit) throws InterruptedException {
        return await(e -> e.open == 0, limit);
    }
}
