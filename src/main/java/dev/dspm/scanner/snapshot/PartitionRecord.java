package dev.dspm.scanner.snapshot;

/**
 * A row of {@code scan_partition}. Cost (pages, shares read, 429s) adds up over every pass; the totals are
 * those of the last pass, and null when no page was ever received.
 */
public record PartitionRecord(
        String key,
        String assetType,
        String ownerId,
        int pages,
        long sharesRead,
        int throttled,
        Long firstTotal,
        Long lastTotal,
        boolean totalChanged,
        boolean finished,
        Long stored,
        Boolean complete,
        int pass) {

    /** One unchanging total over the last pass, and exactly that many distinct shares stored. */
    boolean consistentWith(long stored) {
        return finished && !totalChanged && lastTotal != null && stored == lastTotal;
    }
}
