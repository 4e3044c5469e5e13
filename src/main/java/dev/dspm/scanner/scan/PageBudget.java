package dev.dspm.scanner.scan;

import java.util.concurrent.Semaphore;

/**
 * How many pages all partitions together may have asked for beyond the one each is waiting on. A page
 * asked for ahead is, sooner or later, a parsed page held in memory until its turn to be written, because
 * pages are written in order; so this bounds the heap the fetch-ahead can take, across partitions, however
 * many requests are meanwhile waiting out a {@code Retry-After}.
 *
 * <p>The size is about half a second of requests at the default ceiling (20/s): a request refused by a
 * server shedding load waits a second before it is asked again, and the pages behind it must keep coming
 * meanwhile, or that second is lost to the whole scan (issue 27: three pages ahead lost most of each wait).
 * Not more: 24 pages made ScanRateLimitTests (a 40/s bucket, ceiling 100/s) send 18-24 429s where it sent 7, and
 * the limiter, not the reader, must be fixed for that. At 1,000 shares a page that is at most {@value #PAGES}
 * pages more than one per partition in memory.
 */
final class PageBudget {

    static final int PAGES = 12;

    private final Semaphore free;
    private final int pages;

    PageBudget(int pages) {
        this.pages = pages;
        this.free = new Semaphore(pages);
    }

    /** Takes one page of the budget if one is free; never waits, so a partition never blocks another. */
    boolean tryTake() {
        return free.tryAcquire();
    }

    /** A page taken is written, cancelled or dropped: it no longer counts. */
    void giveBack() {
        free.release();
    }

    /** Pages of the budget no partition holds now. */
    int available() {
        return free.availablePermits();
    }

    int size() {
        return pages;
    }
}
