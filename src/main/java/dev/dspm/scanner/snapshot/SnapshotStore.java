package dev.dspm.scanner.snapshot;

import java.util.List;

import dev.dspm.scanner.manus.Asset;
import dev.dspm.scanner.manus.ShareScope;

/**
 * Appends a run's rows to its own table through each database's fastest honest bulk path. No unique
 * index exists while the scan runs: a uid stored twice (offset drift, a lying API) is resolved once, by
 * the seal, which keeps the copy with the larger {@code read_seq}.
 */
public interface SnapshotStore {

    String COLUMNS = "run_id, uid, asset_type, asset_name, asset_id, shared_at, last_operated_at, owner_id, session_id, "
            + "asset_exists, permission, permission_raw, max_permission, max_permission_raw, raw_json, read_seq";

    void append(long runId, List<ListedPage> pages);

    /** A row the snapshot cannot key fails the run rather than being stored untracked. */
    static Asset keyed(Asset asset) {
        if (asset.uid() == null || asset.uid().isEmpty()) {
            String json = asset.rawJson();
            throw new MalformedShareException("the API returned a share without a uid: "
                    + (json.length() <= 300 ? json : json.substring(0, 300) + "…"));
        }
        return asset;
    }

    static String name(ShareScope scope) {
        return scope == null ? null : scope.name();
    }
}
