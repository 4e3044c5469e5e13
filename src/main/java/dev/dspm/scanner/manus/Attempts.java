package dev.dspm.scanner.manus;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dspm.scanner.manus.ManusApiException.ErrorCode;
import dev.dspm.scanner.manus.OpenExchanges.Exchange;
import dev.dspm.scanner.manus.RetryingCaller.Outcome;
import dev.dspm.scanner.manus.RetryingCaller.Reader;
import dev.dspm.scanner.manus.RetryingCaller.Repeat;

/**
 * One call's attempts: each waits for the shared rate limiter, 429s feed the limiter, and each failure
 * is logged at WARN (without the key: requests are described by the caller, headers are never logged).
 * A failure is followed by the next attempt after its backoff. A request that is safe to repeat and has
 * had no answer within the {@link StallTimeout} is asked again the same way while the first stays open:
 * whichever answers first wins, so a silently dead connection costs seconds instead of the read timeout.
 * One instance per call, used by one thread.
 */
final class Attempts<T> {

    private static final Logger log = LoggerFactory.getLogger(RetryingCaller.class);
    private static final long NONE = Long.MAX_VALUE;

    private final RetryingCaller caller;
    private final String operation;
    private final String what;
    private final HttpRequest request;
    private final Repeat repeat;
    private final Reader<T> reader;
    private final OpenExchanges open = new OpenExchanges();
    private int started;
    private int stuck;
    private int throttled;
    private int protocolFailures;
    /** When the next attempt is due (System.nanoTime); NONE when none is planned. */
    private long retryAtNanos = NONE;
    /** The wait before it when nothing is open: exact, and through the replaceable sleeper. */
    private Duration retryWait = Duration.ZERO;
    /** When the newest exchange counts as stuck; NONE when it never will. */
    private long stallAtNanos = NONE;

    Attempts(RetryingCaller caller, String operation, String what, HttpRequest request, Repeat repeat,
            Reader<T> reader) {
        this.caller = caller;
        this.operation = operation;
        this.what = what;
        this.request = request;
        this.repeat = repeat;
        this.reader = reader;
    }

    Outcome<T> run() throws InterruptedException {
        try {
            while (true) {
                if (open.isEmpty()) {
                    pause(retryWait);
                    startNext();
                } else if (System.nanoTime() >= retryAtNanos) {
                    startNext();
                }
                open.await(Math.min(retryAtNanos, stallAtNanos), caller.stop.stopped());
                caller.stop.check(what, mayHaveActed()); // the finally below cancels what is open
                for (Exchange exchange = open.takeFinished(); exchange != null; exchange = open.takeFinished()) {
                    Outcome<T> outcome = settle(exchange);
                    if (outcome != null) {
                        return outcome;
                    }
                }
                noticeStall();
            }
        } finally {
            open.cancelAll();
        }
    }

    private void startNext() throws InterruptedException {
        long permit;
        try {
            permit = caller.limiter.acquire(caller.stop.stopped());
        } catch (CancellationException e) {
            caller.stop.check(what, mayHaveActed());
            throw e;
        }
        CompletableFuture<HttpResponse<byte[]>> response = caller.stop.start(what,
                () -> caller.http.sendAsync(request, BodyCap.handler(caller.maxBodyBytes)));
        long now = System.nanoTime();
        if (started > 0) {
            caller.tally.retried(operation);
        }
        started++;
        open.add(new Exchange(response, started, permit, now, now + caller.attemptDeadline.toNanos()));
        retryAtNanos = NONE;
        retryWait = null;
        Duration stall = repeat == Repeat.SAFE && started < caller.maxAttempts ? caller.stall.after(stuck) : null;
        stallAtNanos = stall != null ? now + stall.toNanos() : NONE;
    }

    /** Returns the outcome of an answer that reads as a success; otherwise plans a retry or throws. */
    private Outcome<T> settle(Exchange exchange) {
        if (exchange.number() == started) {
            stallAtNanos = NONE;
        }
        if (!exchange.response().isDone()) {
            exchange.response().cancel(true);
            // The request's own timeout covers the wait for headers; this bounds a body that stalls.
            HttpTimeoutException late = new HttpTimeoutException(
                    "no complete response within " + caller.attemptDeadline.toMillis() + " ms");
            caller.tally.failedWithoutAnswer(operation, late);
            failed(ManusApiException.transport(what, late), exchange, RetryPolicy.mayRetry(repeat, late), null);
            return null;
        }
        HttpResponse<byte[]> response;
        try {
            response = exchange.response().join();
        } catch (CompletionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof BodyCap.TooLarge tooLarge) {
                // an answer, and one no retry would make smaller: refused, not retried
                caller.tally.answered(operation, tooLarge.status());
                failed(ManusApiException.refusedAnswer(what, tooLarge.status(), null, tooLarge.getMessage()), exchange,
                        false, null);
                return null;
            }
            IOException io = cause instanceof IOException ioException ? ioException : new IOException(cause);
            caller.tally.failedWithoutAnswer(operation, io);
            failed(ManusApiException.transport(what, io), exchange, RetryPolicy.mayRetry(repeat, io), null);
            return null;
        }
        return read(exchange, response);
    }

    private Outcome<T> read(Exchange exchange, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        caller.tally.answered(operation, status);
        try {
            T value = reader.read(status, caller.echo.mask(response.body()));
            long tookNanos = System.nanoTime() - exchange.startedNanos();
            caller.limiter.onSuccess(exchange.permit());
            caller.stall.answered(tookNanos);
            log.debug("{}: HTTP {} in {} ms, attempt {}/{}", what, status, tookNanos / 1_000_000, exchange.number(),
                    caller.maxAttempts);
            return new Outcome<>(value, throttled);
        } catch (ManusApiException e) {
            Duration retryAfter = Backoff.parseRetryAfter(
                    response.headers().firstValue(WireNames.RETRY_AFTER_HEADER).orElse(null), caller.clock.instant());
            if (e.code() == ErrorCode.RESOURCE_EXHAUSTED) {
                throttled++;
                caller.limiter.onThrottled(exchange.permit());
            }
            if (e.code() == ErrorCode.PROTOCOL) {
                protocolFailures++;
            }
            failed(e, exchange, RetryPolicy.mayRetry(repeat, e, status, protocolFailures), retryAfter);
            return null;
        }
    }

    /** Plans the next attempt after a failure, or throws the failure when there will be none. */
    private void failed(ManusApiException failure, Exchange exchange, boolean mayRetry, Duration retryAfter) {
        boolean worthWaiting = mayRetry && !Backoff.beyondLimit(retryAfter);
        Duration wait = worthWaiting && started < caller.maxAttempts ? caller.backoff.delay(started, retryAfter) : null;
        boolean othersOpen = worthWaiting && wait == null && !open.isEmpty();
        String next = wait != null ? "retrying in " + wait.toMillis() + " ms"
                : othersOpen ? "waiting for the attempt still open" : RetryPolicy.giveUpReason(mayRetry, retryAfter);
        // request_id also as a field of its own, for structured logs
        log.atWarn().addKeyValue(WireNames.REQUEST_ID, failure.requestId()).log(
                "{} attempt {}/{} failed [code={}, request_id={}], {}: {}", what, exchange.number(), caller.maxAttempts,
                failure.rawCode() != null ? failure.rawCode() : failure.code(), failure.requestId(), next,
                failure.getMessage());
        if (wait != null) {
            long now = System.nanoTime();
            // a retry already planned (beside a stuck attempt) is kept, but not before this failure's wait
            retryAtNanos = retryAtNanos == NONE ? now + wait.toNanos() : Math.max(retryAtNanos, now + wait.toNanos());
            retryWait = open.isEmpty() ? Duration.ofNanos(retryAtNanos - now) : null;
        } else if (!othersOpen) {
            throw failure;
        }
    }

    /** The newest exchange has had no answer within its stall timeout: plan another beside it. */
    private void noticeStall() {
        long now = System.nanoTime();
        if (now < stallAtNanos) {
            return;
        }
        stallAtNanos = NONE;
        stuck++;
        if (retryAtNanos != NONE) {
            return; // an earlier attempt failed meanwhile, and its retry is planned
        }
        Duration wait = caller.backoff.delay(started, null);
        retryAtNanos = now + wait.toNanos();
        log.warn("{} attempt {}/{} has had no answer for {} ms, asking again in {} ms; the first answer wins",
                what, started, caller.maxAttempts, (now - open.newest().startedNanos()) / 1_000_000, wait.toMillis());
    }

    /** Backoff and Retry-After with nothing open, through the replaceable sleeper; a stop ends it early. */
    private void pause(Duration wait) throws InterruptedException {
        if (!wait.isZero()) {
            caller.sleeper.sleep(wait, caller.stop.stopped());
        }
    }

    /** After a stop, whether a request that changes something might have been acted on. */
    private boolean mayHaveActed() {
        return repeat == Repeat.UNSAFE && !open.isEmpty();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
