package dev.dspm.scanner.scan;

/**
 * What the pages consumed since the last chunk commit said: counted by the reader, written by the
 * writer in the chunk's own transaction, so the ledger never runs ahead of the snapshot on a restart.
 */
class PageTally {

    private int pages;
    private int throttled;
    private long firstTotal = -1;
    private long lastTotal = -1;
    private boolean totalChanged;

    synchronized void page(long total, int throttledAnswers) {
        if (firstTotal < 0) {
            firstTotal = total;
        } else if (total != lastTotal) {
            totalChanged = true;
        }
        lastTotal = total;
        pages++;
        throttled += throttledAnswers;
    }

    /** Returns what was counted and starts afresh; null when no page was consumed since the last drain. */
    synchronized Drained drain() {
        if (pages == 0) {
            return null;
        }
        Drained drained = new Drained(pages, throttled, firstTotal, lastTotal, totalChanged);
        pages = 0;
        throttled = 0;
        firstTotal = -1;
        totalChanged = false;
        return drained;
    }

    record Drained(int pages, int throttled, long firstTotal, long lastTotal, boolean totalChanged) {
    }
}
