package dev.tnsrelay.gateway;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The life of a loop run on a lent thread (listener, gateway): it names the thread while it runs and gives
 * the name back after, and lets the engine wait until the loop runs and until it has finished.
 */
final class LoopLifecycle {

    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private String lentName;

    /** At the top of run(). */
    void enter(String name) {
        lentName = Thread.currentThread().getName();
        Thread.currentThread().setName(name);
        running.countDown();
    }

    /** In run()'s finally. */
    void exit() {
        finished.countDown();
        Thread.currentThread().setName(lentName);
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
