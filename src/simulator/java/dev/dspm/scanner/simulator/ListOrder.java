package dev.dspm.scanner.simulator;

import java.util.Arrays;
import java.util.Comparator;

/** The API's list order: shared_at descending, then uid ascending. A new share therefore shifts every later offset. */
final class ListOrder {

    static final Comparator<StoredShare> COMPARATOR = (a, b) -> {
        int byTime = Long.compare(b.row().sharedAt(), a.row().sharedAt());
        return byTime != 0 ? byTime : a.uid().compareTo(b.uid());
    };

    private static final int INDEX_BITS = 24;

    private ListOrder() {
    }

    /**
     * Sorts in place. Sorting a million objects through a comparator chases a pointer per comparison;
     * sorting primitive (time, position) keys and then fixing the rare equal-time runs by uid is
     * several times faster, which is most of a large tenant's start-up.
     */
    static void sort(StoredShare[] rows) {
        if (rows.length >= 1 << INDEX_BITS) {
            Arrays.sort(rows, COMPARATOR);
            return;
        }
        long newest = Long.MIN_VALUE;
        for (StoredShare share : rows) {
            newest = Math.max(newest, share.row().sharedAt());
        }
        long[] keys = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            keys[i] = ((newest - rows[i].row().sharedAt()) << INDEX_BITS) | i;
        }
        Arrays.sort(keys);
        StoredShare[] byKey = new StoredShare[rows.length];
        for (int i = 0; i < keys.length; i++) {
            byKey[i] = rows[(int) (keys[i] & ((1 << INDEX_BITS) - 1))];
        }
        for (int start = 0; start < byKey.length; ) {
            int end = start + 1;
            while (end < byKey.length && byKey[end].row().sharedAt() == byKey[start].row().sharedAt()) {
                end++;
            }
            if (end - start > 1) {
                Arrays.sort(byKey, start, end, COMPARATOR);
            }
            start = end;
        }
        System.arraycopy(byKey, 0, rows, 0, rows.length);
    }
}
