package dev.dspm.scanner.simulator;

/** A request the API refuses; the router turns it into the error envelope. */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ErrorCode code;

    ApiException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    ErrorCode code() {
        return code;
    }
}
