package dev.dspm.scanner.manus;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import dev.dspm.scanner.logging.InertText;

/**
 * A call to the Manus API failed. The message is safe to print and log: it never holds an API key,
 * and the server's own message is cut short and stripped of control characters (it is untrusted text).
 */
public class ManusApiException extends RuntimeException {

    /** What went wrong, in the v2 error vocabulary plus four client-side codes. */
    public enum ErrorCode {
        UNAUTHENTICATED,
        PERMISSION_DENIED,
        INVALID_ARGUMENT,
        NOT_FOUND,
        ALREADY_EXISTS,
        FAILED_PRECONDITION,
        RESOURCE_EXHAUSTED,
        INTERNAL,
        UNAVAILABLE,
        /** No usable answer: timeout, refused or dropped connection (after the retries). */
        TRANSPORT,
        /** An answer that cannot be read or contradicts itself. */
        PROTOCOL,
        /** A code this build does not know; {@link ManusApiException#rawCode()} holds it. */
        UNKNOWN,
        /** {@link ManusClient#abort(String)} ended the call; nothing more was or will be sent. */
        ABORTED;

        /** Codes this client gives; a server that sends one of these names means something else by it. */
        private static final Set<ErrorCode> CLIENT_SIDE = EnumSet.of(TRANSPORT, PROTOCOL, UNKNOWN, ABORTED);

        /** Transient failures: worth another attempt, and a later run may succeed. */
        public boolean retryable() {
            return this == RESOURCE_EXHAUSTED || this == INTERNAL || this == UNAVAILABLE || this == TRANSPORT;
        }

        /** Maps a v2 {@code error.code}; case-insensitive, because gRPC spells the same codes upper-case. */
        static ErrorCode fromWire(String raw) {
            if (raw == null) {
                return UNKNOWN;
            }
            String name = raw.trim().toUpperCase(Locale.ROOT);
            for (ErrorCode code : values()) {
                if (code.name().equals(name) && !CLIENT_SIDE.contains(code)) {
                    return code;
                }
            }
            return UNKNOWN;
        }
    }

    private static final int MAX_SERVER_MESSAGE = 300;
    /** A request id is server text: kept to this many characters wherever it goes (a log, a 200-character column). */
    static final int MAX_REQUEST_ID = 128;

    private final ErrorCode code;
    private final String rawCode;
    private final int httpStatus;
    private final String requestId;
    private final boolean refusedAnswer;

    /**
     * @param rawCode    the code as the server spelled it, or null when the failure came from no envelope
     * @param httpStatus the HTTP status, or 0 when no response arrived
     * @param requestId  the server's request id, or null when it gave none
     */
    public ManusApiException(ErrorCode code, String rawCode, int httpStatus, String requestId, String message,
            Throwable cause) {
        this(code, rawCode, httpStatus, requestId, message, cause, false);
    }

    private ManusApiException(ErrorCode code, String rawCode, int httpStatus, String requestId, String message,
            Throwable cause, boolean refusedAnswer) {
        super(message, cause);
        this.code = code;
        this.rawCode = rawCode;
        this.httpStatus = httpStatus;
        this.requestId = requestId;
        this.refusedAnswer = refusedAnswer;
    }

    public ErrorCode code() {
        return code;
    }

    public String rawCode() {
        return rawCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String requestId() {
        return requestId;
    }

    public boolean retryable() {
        return code.retryable();
    }

    /**
     * An answer read and refused for what it says (a page longer than its limit, a body over the cap): a
     * {@link ErrorCode#PROTOCOL} failure that asking again would only repeat, so it is never retried, unlike a body
     * cut short that a second attempt may read whole.
     */
    public boolean refusedAnswer() {
        return refusedAnswer;
    }

    /**
     * Whether the answer proves the server did nothing (a 4xx). When it does not (a 5xx, no answer, an unreadable
     * 2xx), a request that changes something may have been applied: its outcome is unknown until read back.
     */
    public boolean refusedWithoutActing() {
        return WireNames.refusedWithoutActing(httpStatus);
    }

    /** An error the server described (or its HTTP status implied); serverMessage may be null. */
    static ManusApiException answered(String endpoint, ErrorCode code, String rawCode, int status, String requestId,
            String serverMessage) {
        StringBuilder text = new StringBuilder(endpoint).append(" failed: ")
                .append(rawCode != null ? clean(rawCode, 64) : code.name().toLowerCase(Locale.ROOT))
                .append(" (HTTP ").append(status);
        if (requestId != null) {
            text.append(", request_id=").append(clean(requestId, MAX_REQUEST_ID));
        }
        text.append(')');
        if (serverMessage != null && !serverMessage.isBlank()) {
            text.append(": ").append(clean(serverMessage, MAX_SERVER_MESSAGE));
        }
        return new ManusApiException(code, rawCode, status, requestId, text.toString(), null);
    }

    static ManusApiException protocol(String endpoint, int status, String requestId, String problem, Throwable cause) {
        String text = endpoint + " failed: unreadable response (HTTP " + status
                + (requestId != null ? ", request_id=" + clean(requestId, MAX_REQUEST_ID) : "") + "): "
                + clean(problem, MAX_SERVER_MESSAGE);
        return new ManusApiException(ErrorCode.PROTOCOL, null, status, requestId, text, cause);
    }

    /** An answer that breaks the protocol in a way no retry mends: {@link #refusedAnswer()}. */
    static ManusApiException refusedAnswer(String endpoint, int status, String requestId, String problem) {
        String text = endpoint + " failed: answer refused (HTTP " + status
                + (requestId != null ? ", request_id=" + clean(requestId, MAX_REQUEST_ID) : "") + "): "
                + clean(problem, 2 * MAX_SERVER_MESSAGE);
        return new ManusApiException(ErrorCode.PROTOCOL, null, status, requestId, text, null, true);
    }

    static ManusApiException transport(String endpoint, Throwable cause) {
        // JDK I/O messages name hosts and ports, never request headers, so they cannot hold the key.
        String detail = cause.getClass().getSimpleName()
                + (cause.getMessage() != null ? ": " + clean(cause.getMessage(), MAX_SERVER_MESSAGE) : "");
        return new ManusApiException(ErrorCode.TRANSPORT, null, 0, null, endpoint + " failed: " + detail, cause);
    }

    /**
     * @param mayHaveActed whether a request of this call that changes something had already gone out,
     *                     so the server may have acted on it
     */
    static ManusApiException aborted(String endpoint, String reason, boolean mayHaveActed) {
        return new ManusApiException(ErrorCode.ABORTED, null, 0, null, endpoint + " aborted: "
                + clean(reason, MAX_SERVER_MESSAGE)
                + (mayHaveActed ? " (the request had been sent: the server may have applied it)" : ""), null);
    }

    /** Shortens untrusted text and makes it inert for a log line or a terminal ({@link InertText#line}). */
    static String clean(String text, int max) {
        String line = InertText.line(text);
        if (line.length() <= max) {
            return line;
        }
        int end = Character.isHighSurrogate(line.charAt(max - 1)) ? max - 1 : max;
        return line.substring(0, end) + "…";
    }
}
