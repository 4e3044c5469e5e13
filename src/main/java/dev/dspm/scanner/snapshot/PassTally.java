package dev.dspm.scanner.snapshot;

import java.util.List;

/**
 * What a chunk's pages said, for the ledger: the pages and 429s they cost, and the totals the current
 * pass reported. Pages of an earlier pass in the same chunk count towards the cost only.
 */
public record PassTally(int pass, int pages, int throttled, long shares, long firstTotal, long lastTotal, boolean totalChanged) {

    public static PassTally of(List<? extends ListedPage> pages, int pass) {
        int throttled = 0;
        long shares = 0;
        long first = -1;
        long last = -1;
        boolean changed = false;
        for (ListedPage listed : pages) {
            throttled += listed.page().throttled();
            shares += listed.page().assets().size();
            if (listed.pass() != pass) {
                continue;
            }
            long total = listed.page().total();
            if (first < 0) {
                first = total;
            } else if (total != last) {
                changed = true;
            }
            last = total;
        }
        return new PassTally(pass, pages.size(), throttled, shares, first, last, changed);
    }
}
