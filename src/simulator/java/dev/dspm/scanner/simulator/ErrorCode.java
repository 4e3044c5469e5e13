package dev.dspm.scanner.simulator;

/**
 * The v2 error codes with the HTTP status each travels with. Most statuses are INFERRED from the
 * gRPC/Connect convention (manus-asset-api.md), so they are kept in this one table.
 */
enum ErrorCode {
    INVALID_ARGUMENT("invalid_argument", 400),
    FAILED_PRECONDITION("failed_precondition", 400),
    UNAUTHENTICATED("unauthenticated", 401),
    PERMISSION_DENIED("permission_denied", 403),
    NOT_FOUND("not_found", 404),
    ALREADY_EXISTS("already_exists", 409),
    RESOURCE_EXHAUSTED("resource_exhausted", 429),
    INTERNAL("internal", 500),
    UNAVAILABLE("unavailable", 503);

    private final String wire;
    private final int status;

    ErrorCode(String wire, int status) {
        this.wire = wire;
        this.status = status;
    }

    String wire() {
        return wire;
    }

    int status() {
        return status;
    }

    /** The code an injected failure with this status carries; gateways answer 502/504 as unavailable. */
    static ErrorCode forInjectedStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_ARGUMENT;
            case 401 -> UNAUTHENTICATED;
            case 403 -> PERMISSION_DENIED;
            case 404 -> NOT_FOUND;
            case 409 -> ALREADY_EXISTS;
            case 412 -> FAILED_PRECONDITION;
            case 429 -> RESOURCE_EXHAUSTED;
            case 502, 503, 504 -> UNAVAILABLE;
            default -> INTERNAL;
        };
    }
}
