package dev.dspm.scanner.snapshot;

import dev.dspm.scanner.manus.AssetPage;

/**
 * One page of a partition's listing, the scan step's item: a page rather than a share, so the batch
 * machinery runs once per thousand shares instead of once per share. {@code pass} counts the reads of
 * the partition (a listing that changed while it was paged is read again), {@code offset} is where the
 * page was asked for.
 */
public record ListedPage(int pass, long offset, AssetPage page) {

    /**
     * The order the scan read a row in, within its partition: a later pass, or a later place in the same
     * pass, gives a larger number, so when a uid is stored twice the seal keeps the later copy.
     */
    public long readSeq(int index) {
        return ((long) pass << 40) | (offset + index);
    }
}
