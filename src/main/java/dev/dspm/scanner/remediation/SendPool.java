package dev.dspm.scanner.remediation;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.dspm.scanner.logging.RunLogFields;

/**
 * The threads one apply sends its actions on. Submitting blocks while as many sends wait as there are threads, so
 * that the shares' readings stay only a few sends ahead of the calls they check. Once stopped (a refused key, or a
 * send that failed), a send that has not started never starts: its action stays PLANNED.
 */
final class SendPool implements AutoCloseable {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ExecutorService executor;
    private final Semaphore room;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopped;

    SendPool(int threads) {
        int pool = POOLS.incrementAndGet();
        AtomicInteger thread = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "remediation-" + pool + "-" + thread.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.room = new Semaphore(2 * threads);
    }

    /** Runs the send on a thread of the pool, once there is room for it; nothing once stopped. */
    void submit(Runnable send) {
        try {
            room.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("interrupted while applying remediation", e);
        }
        executor.execute(RunLogFields.carried(() -> {
            try {
                if (!stopped) {
                    send.run();
                }
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
                stop();
            } finally {
                room.release();
            }
        }));
    }

    /** No send starts any more; those under way finish. */
    void stop() {
        stopped = true;
    }

    boolean stopped() {
        return stopped;
    }

    /** Waits for every send submitted; rethrows the first that failed. */
    void finish() {
        awaitSends();
        Throwable first = failure.get();
        if (first instanceof RuntimeException e) {
            throw e;
        }
        if (first instanceof Error e) {
            throw e;
        }
    }

    /**
     * Stops, and waits for the sends under way (an action's record must be written before the run goes on or ends):
     * after a failure of the caller's own, no send it submitted still starts.
     */
    @Override
    public void close() {
        stop();
        awaitSends();
    }

    private void awaitSends() {
        executor.shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                if (executor.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
                stop();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
