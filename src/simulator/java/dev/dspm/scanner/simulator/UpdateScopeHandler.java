package dev.dspm.scanner.simulator;

import java.util.Map;

/** POST team.asset.update_scope: an admin override that caps one share, written to the audit log. */
final class UpdateScopeHandler {

    private final SimulatedTenant tenant;

    UpdateScopeHandler(SimulatedTenant tenant) {
        this.tenant = tenant;
    }

    void answer(String body, String requestId, JsonBuffer out) {
        Map<String, String> fields = JsonObjectParser.parse(body);
        String uid = fields.get(ApiNames.BODY_SHARE_UID);
        if (uid == null || uid.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_ARGUMENT, ApiNames.BODY_SHARE_UID + " is required");
        }
        String permission = fields.get(ApiNames.BODY_PERMISSION);
        if (permission == null) {
            throw new ApiException(ErrorCode.INVALID_ARGUMENT, ApiNames.BODY_PERMISSION + " is required");
        }
        Scope scope = Scope.parseRequestable(permission);
        if (scope == null) {
            throw new ApiException(ErrorCode.INVALID_ARGUMENT, "unknown " + ApiNames.BODY_PERMISSION + ": " + permission);
        }
        switch (tenant.override(uid, scope, fields.get(ApiNames.BODY_NOTE))) {
            case NOT_FOUND -> throw new ApiException(ErrorCode.NOT_FOUND, "no share with uid " + uid);
            case STALE -> throw new ApiException(ErrorCode.FAILED_PRECONDITION,
                    "the shared asset no longer exists; a stale share cannot be re-scoped");
            case APPLIED -> Envelope.beginOk(out, requestId).character('}');
        }
    }
}
