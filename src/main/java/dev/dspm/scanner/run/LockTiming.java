package dev.dspm.scanner.run;

import java.time.Duration;

/**
 * A held lock's rhythm, from {@code dspm.lock.stale-after}: it beats several times per stale period, and
 * gives itself up once the database has not confirmed it for {@code lostAfter}, well before any newcomer
 * may judge it stale. A database that is gone is noticed within seconds, however long stale-after is.
 */
record LockTiming(Duration staleAfter, Duration period, Duration lostAfter) {

    private static final Duration LONGEST_PERIOD = Duration.ofSeconds(2);
    private static final int PERIODS_BEFORE_LOST = 3;

    static LockTiming of(Duration staleAfter) {
        Duration period = shorter(staleAfter.dividedBy(4), LONGEST_PERIOD);
        return new LockTiming(staleAfter, period, shorter(staleAfter.dividedBy(2), period.multipliedBy(PERIODS_BEFORE_LOST)));
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
