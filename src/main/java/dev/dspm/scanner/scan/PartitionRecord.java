package dev.dspm.scanner.scan;

/** A row of {@code scan_partition}. Totals are null when no page was ever received. */
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
        Boolean complete) {
}
