package dev.tnsrelay.adapter;

import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The server's WorkManager seen as an {@link Executor}, so the engine never sees JCA. Every task is a
 * long-running loop (listener, gateway) that ends when the engine stops, so it is scheduled without a
 * start timeout.
 */
final class WorkManagerExecutor implements Executor {

    private final WorkManager workManager;

    WorkManagerExecutor(WorkManager workManager) {
        this.workManager = workManager;
    }

    @Override
    public void execute(Runnable task) {
        try {
            workManager.scheduleWork(new RelayWork(task), WorkManager.INDEFINITE, null, null);
        } catch (WorkException e) {
            throw new RejectedExecutionException("the WorkManager refused a relay task: " + e.getMessage(), e);
        }
    }

    /** One engine loop as Work; the loop ends when the engine is closed, which release() cannot hasten. */
    private record RelayWork(Runnable task) implements Work {
        @Override
        public void run() {
            task.run();
        }

        @Override
        public void release() {
            // the adapter's stop() closes the engine, which ends this loop
        }
    }
}
