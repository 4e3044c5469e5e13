package dev.dspm.scanner.scan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.dspm.scanner.manus.AssetType;
import dev.dspm.scanner.manus.ListQuery;

/**
 * One independent slice of the scan: an asset type, or a (type, owner) pair when the run is owner-scoped.
 * The key is short and stable ("FILE_SHARE", "FILE_SHARE#2") because Spring Batch stores it in a
 * 100-character step name, and an owner id is user data of any length.
 */
record ScanPartition(String key, AssetType assetType, String ownerId) {

    static final String CONTEXT_KEY = "partition";

    static List<ScanPartition> plan(ScanSettings settings) {
        List<ScanPartition> partitions = new ArrayList<>();
        for (AssetType type : settings.assetTypes()) {
            if (!settings.ownerScoped()) {
                partitions.add(new ScanPartition(type.name(), type, null));
            }
            for (int i = 0; i < settings.ownerIds().size(); i++) {
                partitions.add(new ScanPartition(type.name() + "#" + i, type, settings.ownerIds().get(i)));
            }
        }
        return partitions;
    }

    static ScanPartition find(ScanSettings settings, String key) {
        return plan(settings).stream().filter(p -> p.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalStateException("partition " + key + " is not part of this run's plan"));
    }

    /**
     * The partition's listing, bounded by {@code endTime} when the run pins it: shares issued after the run
     * began then sort outside the listing instead of shifting every offset under the pages still to read.
     */
    ListQuery query(ScanSettings settings, Instant endTime) {
        return new ListQuery(assetType, settings.keyword(), ownerId, settings.sharedAfter(),
                endTime != null ? endTime : settings.sharedBefore(), null, settings.pageSize(), 0);
    }
}
