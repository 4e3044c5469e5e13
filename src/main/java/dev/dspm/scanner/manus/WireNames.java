package dev.dspm.scanner.manus;

import dev.dspm.scanner.manus.ManusApiException.ErrorCode;

/**
 * Every name and number this client puts on or reads from the wire, in one place, because several
 * are guesses: /work/shared/manus-asset-api.md marks them INFERRED (not stated on a page we could
 * read). When the real API turns out to differ, this is the only file to change.
 */
final class WireNames {

    static final String LIST_PATH = "/v2/team.asset.list";
    static final String UPDATE_SCOPE_PATH = "/v2/team.asset.update_scope";
    static final String USER_LIST_PATH = "/v2/team.user.list";
    static final String API_KEY_HEADER = "X-API-Key";
    static final String RETRY_AFTER_HEADER = "Retry-After";

    // team.asset.list query parameters
    static final String ASSET_TYPE = "asset_type";
    static final String KEYWORD = "keyword"; // INFERRED
    static final String OWNER_ID = "owner_id"; // INFERRED (also the asset field name, which is documented)
    static final String START_TIME = "start_time"; // INFERRED, borrowed from enterprise.task.list
    static final String END_TIME = "end_time"; // INFERRED, borrowed from enterprise.task.list
    static final String PERMISSION = "permission";
    static final String LIMIT = "limit";
    static final String OFFSET = "offset";

    // v2 envelope
    static final String OK = "ok";
    static final String REQUEST_ID = "request_id";
    static final String ERROR = "error";
    static final String ERROR_CODE = "code";
    static final String ERROR_MESSAGE = "message";

    // team.asset.list payload (LIMIT and OFFSET are echoed under the same names)
    static final String ASSETS = "assets";
    static final String TOTAL = "total";

    // asset object
    static final String UID = "uid";
    static final String ASSET_NAME = "asset_name";
    static final String ASSET_ID = "asset_id";
    static final String SHARED_AT = "shared_at";
    static final String LAST_OPERATED_AT = "last_operated_at";
    static final String SESSION_ID = "session_id";
    static final String ASSET_EXISTS = "asset_exists";
    static final String MAX_PERMISSION = "max_permission";

    // team.user.list query parameters (LIMIT and OFFSET as above)
    static final String STATUS_FILTER = "status_filter";
    static final String DELEGATION_STATE = "delegation_state";

    // team.user.list payload (TOTAL, LIMIT and OFFSET as for assets; TOTAL is INFERRED here)
    static final String USERS = "users"; // INFERRED

    // user object
    static final String TEAM_USER_ID = "team_user_id";
    static final String EMAIL = "email";
    static final String USER_NAME = "user_name";
    static final String STATUS = "status";
    static final String ROLE = "role";
    static final String DELEGATED_TO = "delegated_to";
    static final String ORIGINAL_EMAIL = "original_email";

    // enum value prefixes of team.user.list
    static final String USER_STATUS_PREFIX = "USER_STATUS_";
    static final String ROLE_PREFIX = "TEAM_MEMBER_ROLE_";
    static final String DELEGATION_STATE_PREFIX = "DELEGATION_STATE_"; // INFERRED, with the values' names

    // team.asset.update_scope body (PERMISSION as above)
    static final String SHARE_UID = "share_uid";
    static final String NOTE = "note";

    // Error codes travel as the lower_snake form of ErrorCode's names. The documented ones are
    // invalid_argument, not_found, already_exists, permission_denied, failed_precondition, internal;
    // unauthenticated, resource_exhausted and unavailable are INFERRED from the Connect convention.

    /**
     * Used only when a failure's body is not a v2 envelope (a gateway's HTML page, an empty 429).
     * Every status here is INFERRED from the gRPC/Connect convention.
     */
    static ErrorCode codeForStatus(int status) {
        return switch (status) {
            case 400 -> ErrorCode.INVALID_ARGUMENT;
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 403 -> ErrorCode.PERMISSION_DENIED;
            case 404 -> ErrorCode.NOT_FOUND;
            case 409 -> ErrorCode.ALREADY_EXISTS;
            case 412 -> ErrorCode.FAILED_PRECONDITION;
            case 429 -> ErrorCode.RESOURCE_EXHAUSTED;
            case 502, 503, 504 -> ErrorCode.UNAVAILABLE;
            default -> status >= 500 && status < 600 ? ErrorCode.INTERNAL : ErrorCode.UNKNOWN;
        };
    }

    /**
     * Statuses that prove the server turned a request away without acting on it: the 4xx answers (the request was
     * malformed, not allowed, about nothing, or throttled before it was processed). Anything else (a 5xx, no answer, a
     * 2xx that cannot be read) may follow a change the server made, as servers answer 500 or 503 after applying one.
     * INFERRED: the docs name the error codes, not when a server answers them.
     */
    static boolean refusedWithoutActing(int status) {
        return status >= 400 && status < 500;
    }

    /**
     * The share uid of the write key check: an update_scope for a share that cannot exist. INFERRED: the server checks
     * the key type before it looks the share up, so a key that may not write is answered permission_denied and a
     * Team Asset Management key not_found (the simulator does the same). Nothing can change: no share has this uid.
     */
    static final String KEY_CHECK_SHARE_UID = "dspm-scanner-key-check-no-such-share";
    static final String KEY_CHECK_NOTE = "dspm-scanner: checks that this key may call update_scope; no share has this uid";

    private WireNames() {
    }
}
