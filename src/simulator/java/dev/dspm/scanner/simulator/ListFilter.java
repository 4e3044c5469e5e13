package dev.dspm.scanner.simulator;

import java.time.Instant;

/**
 * The optional filters of team.asset.list, already in the form rows are compared in: lower-cased
 * keyword, whole-second bounds on shared_at, and the v1 value the permission filter matches. A record,
 * so it can key the filtered-view cache.
 */
record ListFilter(String keywordLower, String ownerId, long sharedFrom, long sharedBefore, V1Permission raw) {

    static final ListFilter NONE = new ListFilter(null, null, Long.MIN_VALUE, Long.MAX_VALUE, null);

    boolean isEmpty() {
        return equals(NONE);
    }

    boolean matches(StoredShare share) {
        ShareRow row = share.row();
        return (keywordLower == null || share.nameLower().startsWith(keywordLower))
                && (ownerId == null || ownerId.equals(row.ownerId()))
                && row.sharedAt() >= sharedFrom
                && row.sharedAt() < sharedBefore
                // A row with a scope unknown to the filter's enum cannot equal any requested value.
                && (raw == null || (row.raw() == raw && !row.futureScope()));
    }

    /** Rows are stored in whole seconds, so an inclusive bound with a fraction starts at the next second. */
    static long fromInclusive(Instant start) {
        return start.getNano() == 0 ? start.getEpochSecond() : start.getEpochSecond() + 1;
    }

    /** An exclusive bound with a fraction still admits the second it falls in. */
    static long beforeExclusive(Instant end) {
        return end.getEpochSecond() + (end.getNano() == 0 ? 0 : 1);
    }
}
