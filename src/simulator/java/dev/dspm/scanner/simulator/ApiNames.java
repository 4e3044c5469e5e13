package dev.dspm.scanner.simulator;

import java.util.List;

/**
 * Wire names the simulator answers to. Several are INFERRED (not stated on a page we could read, see
 * manus-asset-api.md); they live here together so a correction is a one-line change.
 */
final class ApiNames {

    static final String LIST_PATH = "/v2/team.asset.list";
    static final String UPDATE_SCOPE_PATH = "/v2/team.asset.update_scope";
    static final String USER_LIST_PATH = "/v2/team.user.list";

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

    static final String STATUS_FILTER = "status_filter";
    static final String DELEGATION_STATE = "delegation_state";

    static final String USER_STATUS_ACTIVE = "USER_STATUS_ACTIVE";
    static final String USER_STATUS_INACTIVE = "USER_STATUS_INACTIVE";
    static final String USER_STATUS_REMOVED = "USER_STATUS_REMOVED";
    static final List<String> USER_STATUSES = List.of(USER_STATUS_ACTIVE, USER_STATUS_INACTIVE, USER_STATUS_REMOVED);
    static final String ROLE_OWNER = "TEAM_MEMBER_ROLE_OWNER";
    static final String ROLE_SUPER_ADMIN = "TEAM_MEMBER_ROLE_SUPER_ADMIN";
    static final String ROLE_ADMIN = "TEAM_MEMBER_ROLE_ADMIN";
    static final String ROLE_MEMBER = "TEAM_MEMBER_ROLE_MEMBER";
    static final String ROLE_GUEST = "TEAM_MEMBER_ROLE_GUEST";
    /** INFERRED. */
    static final String DELEGATED = "DELEGATION_STATE_DELEGATED";
    /** INFERRED. */
    static final String NOT_DELEGATED = "DELEGATION_STATE_NOT_DELEGATED";
    /** INFERRED: the address a departed member's profile takes once handed to a colleague. */
    static final String DELEGATE_EMAIL_PREFIX = "delegate-";
    /** INFERRED: see {@link #DELEGATE_EMAIL_PREFIX}. */
    static final String DELEGATE_EMAIL_DOMAIN = "@manus.im";

    static final String BODY_SHARE_UID = "share_uid";
    static final String BODY_PERMISSION = "permission";
    static final String BODY_NOTE = "note";

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private ApiNames() {
    }
}
