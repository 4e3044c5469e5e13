package dev.dspm.scanner.simulator;

import static dev.dspm.scanner.simulator.QueryParams.invalid;
import static dev.dspm.scanner.simulator.QueryParams.present;

import java.util.Locale;
import java.util.Map;

/** A validated team.asset.list query; parsing throws invalid_argument for anything the API would refuse. */
record ListRequest(ShareType type, ListFilter filter, int limit, long offset) {

    static ListRequest parse(Map<String, String> query) {
        String typeName = present(query, ApiNames.ASSET_TYPE);
        if (typeName == null) {
            throw invalid(ApiNames.ASSET_TYPE + " is required");
        }
        ShareType type = ShareType.parse(typeName);
        if (type == null) {
            throw invalid("unknown " + ApiNames.ASSET_TYPE + ": " + typeName);
        }
        QueryParams.Paging paging = QueryParams.paging(query);
        return new ListRequest(type, filter(query, type), paging.limit(), paging.offset());
    }

    private static ListFilter filter(Map<String, String> query, ShareType type) {
        String keyword = present(query, ApiNames.KEYWORD);
        String start = present(query, ApiNames.START_TIME);
        String end = present(query, ApiNames.END_TIME);
        String permission = present(query, ApiNames.PERMISSION);
        V1Permission raw = null;
        if (permission != null) {
            Scope scope = Scope.parseRequestable(permission);
            if (scope == null) {
                throw invalid("unknown " + ApiNames.PERMISSION + ": " + permission);
            }
            raw = V1Permission.writtenToday(scope, type);
        }
        return new ListFilter(
                keyword == null ? null : keyword.toLowerCase(Locale.ROOT),
                present(query, ApiNames.OWNER_ID),
                start == null ? Long.MIN_VALUE : ListFilter.fromInclusive(Rfc3339.parse(ApiNames.START_TIME, start)),
                end == null ? Long.MAX_VALUE : ListFilter.beforeExclusive(Rfc3339.parse(ApiNames.END_TIME, end)),
                raw);
    }
}
