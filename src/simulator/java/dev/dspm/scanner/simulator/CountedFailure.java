package dev.dspm.scanner.simulator;

/** An injected failure status and how many more requests it fails. Guarded by the {@link Faults} lock. */
final class CountedFailure {

    /** Spending never ends: the failure lasts until clear(). */
    static final int UNTIL_CLEARED = Integer.MAX_VALUE;

    private final int status;
    private int left;

    CountedFailure(int status, int left) {
        this.status = status;
        this.left = left;
    }

    int status() {
        return status;
    }

    /** Uses up one failure; true when none are left. */
    boolean spend() {
        if (left != UNTIL_CLEARED) {
            left--;
        }
        return left == 0;
    }
}
