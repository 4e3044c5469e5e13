package dev.dspm.scanner.manus;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waiting, made replaceable so tests can check retry waits without spending them. */
@FunctionalInterface
interface Sleeper {

    Sleeper SYSTEM = duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());

    void sleep(Duration duration) throws InterruptedException;
}
