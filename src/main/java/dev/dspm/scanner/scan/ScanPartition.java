package dev.dspm.scanner.scan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.dspm.scanner.manus.AssetType;
import dev.dspm.scanner.manus.ListQuery;
import dev.dspm.scanner.snapshot.PartitionLedger;

/**
 * One independent slice of the scan: an asset type, or a (type, owner) pair when the run is owner-scoped.
 * The key is short and stable ("FILE_SHARE", "FILE_SHARE#2") because Spring Batch stores it in a
 * 100-character step name, and an owner id is user data of any length.
 */
public record ScanPartition(String key, AssetType assetType, String ownerId) {

    private static final String KEY = "partition";
    private static final String TYPE = "partition.type";
    private static final String OWNER = "partition.owner";

    /** Every type, or every type of each owner when the run is owner-scoped. */
    static List<ScanPartition> plan(List<AssetType> types, List<String> ownerIds) {
        List<ScanPartition> partitions = new ArrayList<>();
        for (AssetType type : types) {
            if (ownerIds.isEmpty()) {
                partitions.add(new ScanPartition(type.name(), type, null));
            }
            for (int i = 0; i < ownerIds.size(); i++) {
                partitions.add(new ScanPartition(type.name() + "#" + i, type, ownerIds.get(i)));
            }
        }
        return partitions;
    }

    /** The partition's own step context, from which its reader and writer know it on a restart as on the first run. */
    ExecutionContext context() {
        ExecutionContext context = new ExecutionContext();
        context.putString(KEY, key);
        context.putString(TYPE, assetType.name());
        if (ownerId != null) {
            context.putString(OWNER, ownerId);
        }
        return context;
    }

    static ScanPartition of(ExecutionContext context) {
        return new ScanPartition(context.getString(KEY), AssetType.valueOf(context.getString(TYPE)),
                context.containsKey(OWNER) ? context.getString(OWNER) : null);
    }

    PartitionLedger.Planned planned() {
        return new PartitionLedger.Planned(key, assetType.name(), ownerId);
    }

    /**
     * The partition's listing, bounded by {@code endTime} when the run pins it: shares issued after the run
     * began then sort outside the listing instead of shifting every offset under the pages still to read.
     */
    ListQuery query(ScanSettings settings, Instant endTime) {
        return new ListQuery(assetType, settings.keyword(), ownerId, settings.sharedAfter(),
                endTime != null ? endTime : settings.sharedBefore(), null, settings.pageSize(), 0);
    }

    /**
     * One share of the run's first partition as far as it is known before the run (owner emails are resolved later):
     * the request that checks the read key before a run.
     */
    public static ListQuery probe(ScanSettings settings, Instant endTime) {
        return plan(settings.assetTypes(), settings.ownerIds()).get(0).query(settings, endTime).withLimit(1);
    }
}
