package dev.dspm.scanner.manus;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting, made replaceable so tests can check retry waits without spending them. */
@FunctionalInterface
interface Sleeper {

    /** Waits the whole duration unless {@code wakeUp} completes first (however it completes). */
    Sleeper SYSTEM = (duration, wakeUp) -> {
        if (wakeUp.isDone()) {
            return;
        }
        try {
            wakeUp.get(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException | CancellationException e) {
            // the time is up, or wakeUp completed: either way the wait is over
        }
    };

    /** Waits {@code duration}, or less once {@code wakeUp} is done. */
    void sleep(Duration duration, Future<?> wakeUp) throws InterruptedException;
}
