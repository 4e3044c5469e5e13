package dev.dspm.scanner.simulator;

/**
 * Wire names the simulator answers to. Several are INFERRED (not stated on a page we could read, see
 * manus-asset-api.md); they live here together so a correction is a one-line change.
 */
final class ApiNames {

    static final String LIST_PATH = "/v2/team.asset.list";
    static final String UPDATE_SCOPE_PATH = "/v2/team.asset.update_scope";

    static final String API_KEY_HEADER = "X-API-Key";

    static final String ASSET_TYPE = "asset_type";
    /** INFERRED. */
    static final String KEYWORD = "keyword";
    /** INFERRED. */
    static final String OWNER_ID = "owner_id";
    /** INFERRED: enterprise.task.list uses these names for its RFC3339 bounds. */
    static final String START_TIME = "start_time";
    /** INFERRED: see {@link #START_TIME}. */
    static final String END_TIME = "end_time";
    static final String PERMISSION = "permission";
    static final String LIMIT = "limit";
    static final String OFFSET = "offset";

    static final String BODY_SHARE_UID = "share_uid";
    static final String BODY_PERMISSION = "permission";
    static final String BODY_NOTE = "note";

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private ApiNames() {
    }
}
