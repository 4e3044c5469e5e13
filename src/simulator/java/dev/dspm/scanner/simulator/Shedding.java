package dev.dspm.scanner.simulator;

/**
 * A server shedding load: a fixed share of requests is refused whatever the rate, deterministically (the
 * n-th request reaching it is refused with 429 when n is a multiple of {@code every429}, else with 503 when a
 * multiple of {@code every503}), so a test can count exactly what it should see. Not thread-safe: {@link Faults}
 * calls it under its lock.
 */
final class Shedding {

    private final int every429;
    private final int every503;
    private long seen;

    /** @param every429 1 in how many requests answers 429, 0 for none; likewise {@code every503} */
    Shedding(int every429, int every503) {
        this.every429 = every429;
        this.every503 = every503;
    }

    /** The status refusing the next request, or 0 when it passes. */
    int next() {
        seen++;
        if (every429 > 0 && seen % every429 == 0) {
            return 429;
        }
        return every503 > 0 && seen % every503 == 0 ? 503 : 0;
    }
}
