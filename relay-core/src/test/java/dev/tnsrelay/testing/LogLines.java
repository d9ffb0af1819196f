package dev.tnsrelay.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** The lines one logger writes while a test runs (its System.Logger goes to java.util.logging), formatted. */
public final class LogLines extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<String> lines = new ArrayList<>();

    /** Starts listening to {@code name} (for the gateway's lines: {@code dev.tnsrelay.gateway}). */
    public LogLines(String name) {
        logger = Logger.getLogger(name);
        logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord r) {
        lines.add(new SimpleFormatter().formatMessage(r));
        notifyAll();
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines that contain {@code text}. */
    public synchronized List<String> containing(String text) {
        return lines.stream().filter(l -> l.contains(text)).toList();
    }

    /** Waits until a line matches; the line, or an AssertionError after {@code limit}. */
    public synchronized String await(Predicate<String> matches, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            for (String l : lines) {
                if (matches.test(l)) {
                    return l;
                }
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new AssertionError("no such line within " + limit + "; logged: " + lines);
            }
            wait(left);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
