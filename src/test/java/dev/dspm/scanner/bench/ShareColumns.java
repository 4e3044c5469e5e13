package dev.dspm.scanner.bench;

import java.time.OffsetDateTime;

import tools.jackson.databind.JsonNode;

/**
 * The columns the job stores for one share (db/migration/common/V2__scan_snapshot.sql) and how one asset of
 * a page fills them. The floors and the naive peer use this, never the job's code or tables, so they measure
 * the machine and not our design.
 */
final class ShareColumns {

    static final String[] TYPES = { "ASSET_TYPE_SESSION_COLLABORATION", "ASSET_TYPE_SESSION_SHARE",
            "ASSET_TYPE_FILE_SHARE", "ASSET_TYPE_WEBSITE_PUBLISH", "ASSET_TYPE_PROJECT_SHARE" };
    static final String NAMES = "run_id, uid, asset_type, asset_name, asset_id, shared_at, last_operated_at, owner_id, "
            + "session_id, asset_exists, permission, permission_raw, max_permission, max_permission_raw, raw_json";
    static final int COUNT = 15;

    private ShareColumns() {
    }

    /** The job's column types; {@code key} is a table constraint such as {@code PRIMARY KEY (run_id, uid)}, or empty. */
    static String createTable(String table, String key) {
        return "CREATE TABLE " + table + " (run_id BIGINT NOT NULL, uid VARCHAR NOT NULL, asset_type VARCHAR(100) NOT NULL, "
                + "asset_name VARCHAR, asset_id VARCHAR, shared_at TIMESTAMP WITH TIME ZONE, "
                + "last_operated_at TIMESTAMP WITH TIME ZONE, owner_id VARCHAR, session_id VARCHAR, asset_exists BOOLEAN, "
                + "permission VARCHAR(20), permission_raw VARCHAR, max_permission VARCHAR(20), max_permission_raw VARCHAR, "
                + "raw_json VARCHAR NOT NULL" + (key.isEmpty() ? "" : ", " + key) + ")";
    }

    /** One row in column order: Long, String, OffsetDateTime or Boolean values, null where the field is absent. */
    static Object[] values(long runId, String assetType, JsonNode asset) {
        String permission = text(asset, "permission");
        String maxPermission = text(asset, "max_permission");
        JsonNode exists = asset.get("asset_exists");
        return new Object[] { runId, text(asset, "uid"), assetType.substring("ASSET_TYPE_".length()),
                text(asset, "asset_name"), text(asset, "asset_id"), time(asset, "shared_at"),
                time(asset, "last_operated_at"), text(asset, "owner_id"), text(asset, "session_id"),
                exists == null || exists.isNull() ? null : exists.asBoolean(), scope(permission), permission,
                scope(maxPermission), maxPermission, asset.toString() };
    }

    private static String text(JsonNode asset, String field) {
        JsonNode value = asset.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static OffsetDateTime time(JsonNode asset, String field) {
        String value = text(asset, field);
        return value == null ? null : OffsetDateTime.parse(value);
    }

    private static String scope(String wire) {
        return wire == null ? null : wire.startsWith("SHARE_SCOPE_") ? wire.substring("SHARE_SCOPE_".length()) : "UNKNOWN";
    }
}
