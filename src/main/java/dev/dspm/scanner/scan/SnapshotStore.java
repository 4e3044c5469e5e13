package dev.dspm.scanner.scan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.dspm.scanner.manus.Asset;

/**
 * Writes snapshot rows keyed by (run, uid): a share seen twice (offset drift, a resumed partition)
 * overwrites its row instead of adding one. One implementation per database's fastest honest bulk path.
 */
interface SnapshotStore {

    String COLUMNS = "run_id, uid, asset_type, asset_name, asset_id, shared_at, last_operated_at, owner_id, session_id, "
            + "asset_exists, permission, permission_raw, max_permission, max_permission_raw, raw_json";

    void upsert(long runId, List<? extends Asset> assets);

    /** The last copy of each uid: a bulk upsert may not touch the same key twice in one statement. */
    static List<Asset> lastPerUid(List<? extends Asset> assets) {
        Map<String, Asset> byUid = new LinkedHashMap<>();
        for (Asset asset : assets) {
            if (asset.uid() == null || asset.uid().isEmpty()) {
                throw new MalformedShareException("the API returned a share without a uid: " + abbreviate(asset.rawJson()));
            }
            byUid.put(asset.uid(), asset);
        }
        return List.copyOf(byUid.values());
    }

    private static String abbreviate(String json) {
        return json == null || json.length() <= 300 ? json : json.substring(0, 300) + "…";
    }
}
