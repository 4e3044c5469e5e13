package dev.dspm.scanner.simulator;

import static dev.dspm.scanner.simulator.QueryParams.invalid;
import static dev.dspm.scanner.simulator.QueryParams.present;

import java.util.Map;

/**
 * A validated team.user.list query; parsing throws invalid_argument for anything the API would refuse. A null
 * filter means "not filtered"; {@code delegated} is Boolean.TRUE for DELEGATION_STATE_DELEGATED.
 */
record UserListRequest(String status, Boolean delegated, int limit, long offset) {

    static UserListRequest parse(Map<String, String> query) {
        QueryParams.Paging paging = QueryParams.paging(query);
        String status = present(query, ApiNames.STATUS_FILTER);
        if (status != null && !ApiNames.USER_STATUSES.contains(status)) {
            throw invalid("unknown " + ApiNames.STATUS_FILTER + ": " + status);
        }
        String state = present(query, ApiNames.DELEGATION_STATE);
        Boolean delegated = null;
        if (state != null) {
            if (!state.equals(ApiNames.DELEGATED) && !state.equals(ApiNames.NOT_DELEGATED)) {
                throw invalid("unknown " + ApiNames.DELEGATION_STATE + ": " + state);
            }
            delegated = state.equals(ApiNames.DELEGATED);
        }
        return new UserListRequest(status, delegated, paging.limit(), paging.offset());
    }

    boolean matches(TeamMember member) {
        return (status == null || status.equals(member.status()))
                && (delegated == null || delegated == member.delegated());
    }
}
