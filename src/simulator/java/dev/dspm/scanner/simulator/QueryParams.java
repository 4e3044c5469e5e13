package dev.dspm.scanner.simulator;

import java.util.Map;

/** What both list endpoints read from a query the same way: paging, present values, and the error for a bad one. */
final class QueryParams {

    /** A validated limit (1..1000, default 100) and offset (>= 0, default 0). */
    record Paging(int limit, long offset) {
    }

    private QueryParams() {
    }

    static Paging paging(Map<String, String> query) {
        long limit = integer(query, ApiNames.LIMIT, ApiNames.DEFAULT_LIMIT);
        if (limit < 1 || limit > ApiNames.MAX_LIMIT) {
            throw invalid(ApiNames.LIMIT + " must be between 1 and " + ApiNames.MAX_LIMIT);
        }
        long offset = integer(query, ApiNames.OFFSET, 0);
        if (offset < 0) {
            throw invalid(ApiNames.OFFSET + " must be >= 0");
        }
        return new Paging((int) limit, offset);
    }

    /** An empty parameter is treated as absent, as form-style query decoding does. */
    static String present(Map<String, String> query, String name) {
        String value = query.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    static ApiException invalid(String message) {
        return new ApiException(ErrorCode.INVALID_ARGUMENT, message);
    }

    private static long integer(Map<String, String> query, String name, long fallback) {
        String value = present(query, name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw invalid(name + " must be an integer");
        }
    }
}
