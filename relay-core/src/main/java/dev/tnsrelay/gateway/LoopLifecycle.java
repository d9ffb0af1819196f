package dev.tnsrelay.gateway;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The life of one event loop run on a lent thread (listener, gateway, health check): it names the thread while
 * it runs and gives the name back after, and lets the engine wait until the loop runs and until it has finished.
 * The loop's thread comes from the engine's {@link Executor} — the server's WorkManager when hosted.
 */
final class LoopLifecycle {

    private final String name;
    private final Runnable onExit;
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    /** @param onExit told after the loop has ended, on its thread */
    LoopLifecycle(String name, Runnable onExit) {
        this.name = name;
        this.onExit = onExit;
    }

    /** {@code executor}, each task of which runs as this loop: named, watched, its end reported. */
    Executor around(Executor executor, Thread.UncaughtExceptionHandler failed) {
        return task -> executor.execute(() -> {
            Thread t = Thread.currentThread();
            String lent = t.getName();
            t.setName(name);
            running.countDown();
            try {
                task.run();
            } catch (Throwable e) {
                failed.uncaughtException(t, e);
            } finally {
                t.setName(lent);
                onExit.run();
                finished.countDown(); // last: whoever waits for the end finds the loop's work all done
            }
        });
    }

    String name() {
        return name;
    }

    boolean hasFinished() {
        return finished.getCount() == 0;
    }

    boolean awaitRunning(long millis) throws InterruptedException {
        return running.await(millis, TimeUnit.MILLISECONDS);
    }

    boolean awaitFinished(long millis) throws InterruptedException {
        return finished.await(millis, TimeUnit.MILLISECONDS);
    }
}
