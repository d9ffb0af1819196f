package dev.tnsrelay.admin.stats;

import java.lang.System.Logger.Level;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Takes a sample of the statistics every {@link History#INTERVAL}, on a thread lent by the instance's executor
 * (the WorkManager when hosted), from its start until {@link #stop()}: the charts have the last hour whether or
 * not anyone watched it.
 */
public final class Sampler implements Runnable {

    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.admin");

    private final Statistics statistics;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);

    public Sampler(Statistics statistics) {
        this.statistics = statistics;
    }

    @Override
    public void run() {
        String lent = Thread.currentThread().getName();
        Thread.currentThread().setName("tnsrelay-sampler");
        try {
            do {
                try {
                    statistics.sample();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "tnsrelay: a statistics sample failed: " + e);
                }
            } while (!stop.await(History.INTERVAL.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Thread.currentThread().setName(lent);
            ended.countDown();
        }
    }

    /** Ends the loop; waits up to {@code millis} for its thread to be given back. */
    public boolean stop(long millis) throws InterruptedException {
        stop.countDown();
        return ended.await(millis, TimeUnit.MILLISECONDS);
    }
}
