package dev.dspm.scanner.snapshot;

/**
 * A row of {@code scan_partition}. Cost (pages, shares read, 429s) adds up over every pass; the totals are
 * those of the last pass, and null when no page was ever received. {@code cutShort} says why paging stopped before
 * the listing's end (it reached {@code dspm.scan.max-shares-per-type}), null when it did not.
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
        int pass,
        String cutShort) {

    public PartitionRecord(String key, String assetType, String ownerId, int pages, long sharesRead, int throttled,
            Long firstTotal, Long lastTotal, boolean totalChanged, boolean finished, Long stored, Boolean complete, int pass) {
        this(key, assetType, ownerId, pages, sharesRead, throttled, firstTotal, lastTotal, totalChanged, finished, stored,
                complete, pass, null);
    }

    /** One unchanging total over the last pass, read to its end, and exactly that many distinct shares stored. */
    boolean consistentWith(long stored) {
        return finished && cutShort == null && !totalChanged && lastTotal != null && stored == lastTotal;
    }
}
