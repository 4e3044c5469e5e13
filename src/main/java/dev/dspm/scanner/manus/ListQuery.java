package dev.dspm.scanner.manus;

import java.time.Instant;

/** The filters of {@code team.asset.list}; null means "not filtered". */
public record ListQuery(
        AssetType assetType,
        String keyword,
        String ownerId,
        Instant sharedAfter,
        Instant sharedBefore,
        ShareScope permission,
        int limit,
        int offset) {

    public static ListQuery of(AssetType assetType, int limit) {
        return new ListQuery(assetType, null, null, null, null, null, limit, 0);
    }

    public ListQuery withLimit(int newLimit) {
        return new ListQuery(assetType, keyword, ownerId, sharedAfter, sharedBefore, permission, newLimit, offset);
    }

    public ListQuery withOffset(int newOffset) {
        return new ListQuery(assetType, keyword, ownerId, sharedAfter, sharedBefore, permission, limit, newOffset);
    }
}
