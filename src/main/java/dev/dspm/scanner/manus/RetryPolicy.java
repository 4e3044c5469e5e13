package dev.dspm.scanner.manus;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;

import dev.dspm.scanner.manus.ManusApiException.ErrorCode;
import dev.dspm.scanner.manus.RetryingCaller.Repeat;

/**
 * Which failures are worth another attempt. A request safe to repeat is retried on anything transient;
 * one that is not (update_scope writes the audit log) only when the server certainly did not act.
 */
final class RetryPolicy {

    private RetryPolicy() {
    }

    /**
     * @param protocolFailures unreadable answers so far in this call, this one included
     */
    static boolean mayRetry(Repeat repeat, ManusApiException failure, int status, int protocolFailures) {
        if (repeat == Repeat.SAFE) {
            // one more try for an unreadable answer: a proxy may have cut the body short (never for one refused whole)
            return failure.retryable() || (failure.code() == ErrorCode.PROTOCOL && !failure.refusedAnswer()
                    && protocolFailures == 1);
        }
        // A 503 or 500 may come after the change was made: only a 429 says it was turned away before processing.
        return status == 429;
    }

    /** Only a failed connect proves the server never saw the request; anything later might have reached it. */
    static boolean mayRetry(Repeat repeat, IOException failure) {
        return repeat == Repeat.SAFE || failure instanceof ConnectException
                || failure instanceof HttpConnectTimeoutException;
    }

    /** Why no further attempt follows, for the log. */
    static String giveUpReason(boolean mayRetry, Duration retryAfter) {
        if (!mayRetry) {
            return "not retried";
        }
        if (Backoff.beyondLimit(retryAfter)) {
            return "giving up: Retry-After " + retryAfter.toSeconds() + " s exceeds "
                    + Backoff.MAX_RETRY_AFTER.toMinutes() + " min";
        }
        return "giving up";
    }
}
