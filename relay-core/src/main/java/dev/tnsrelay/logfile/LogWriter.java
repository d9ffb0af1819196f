package dev.tnsrelay.logfile;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Takes lines from any thread without blocking it and writes them to the file on the executor's threads: a
 * gateway thread never waits for a disk. The queue is bounded; lines it cannot take are counted and the count
 * is written as soon as there is room, so that a gap in the log is never silent.
 */
final class LogWriter {

    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.logfile");
    /** Lines waiting to be written at most; a burst beyond is counted, not kept. */
    static final int CAPACITY = 10_000;

    private final Executor executor;
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    /** Guarded by this. */
    private RotatingFile file;
    /** Guarded by this: whether the last write failed, so that a failing disk is reported once, not per line. */
    private boolean failing;

    LogWriter(Executor executor) {
        this.executor = executor;
    }

    /** Queues a line (with its line end); never blocks. */
    void offer(String line) {
        if (!queue.offer(line)) {
            dropped.incrementAndGet();
        }
        if (scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                scheduled.set(false); // the host is stopping: the owner's close() writes what is queued
            }
        }
    }

    private void drain() {
        try {
            flush();
        } finally {
            scheduled.set(false);
        }
        if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                scheduled.set(false);
            }
        }
    }

    /** Writes every line queued so far, on the calling thread. */
    synchronized void flush() {
        for (String line = queue.poll(); line != null; line = queue.poll()) {
            write(line);
        }
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            write(lost + " log lines were dropped: lines came faster than the disk took them\n");
        }
    }

    private void write(String line) {
        if (file == null) {
            return;
        }
        try {
            file.write(line.getBytes(StandardCharsets.UTF_8));
            failing = false;
        } catch (IOException e) {
            if (!failing) {
                LOG.log(Level.WARNING, "cannot write the log file " + file.current() + "; lines are lost until it"
                        + " can be written again", e);
            }
            failing = true;
        }
    }

    /** Writes what is queued to the current file, then writes to {@code next} (none: no file). */
    synchronized void switchTo(RotatingFile next) {
        flush();
        closeFile();
        file = next;
        failing = false;
    }

    synchronized Optional<Path> current() {
        return file == null ? Optional.empty() : Optional.of(file.current());
    }

    /** Writes what is queued and closes the file. */
    synchronized void close() {
        switchTo(null);
    }

    private void closeFile() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot close the log file " + file.current(), e);
            }
        }
    }
}
