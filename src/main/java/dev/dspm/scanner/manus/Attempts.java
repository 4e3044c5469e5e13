package dev.dspm.scanner.manus;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dspm.scanner.manus.ManusApiException.ErrorCode;
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

    private record Exchange(CompletableFuture<HttpResponse<byte[]>> response, int number, long permit,
            long startedNanos, long deadlineNanos) {
    }

    private final RetryingCaller caller;
    private final String what;
    private final HttpRequest request;
    private final String secret;
    private final Repeat repeat;
    private final Reader<T> reader;
    private final List<Exchange> pending = new ArrayList<>();
    private int started;
    private int throttled;
    private int protocolFailures;
    /** Exchanges that went unanswered past their stall timeout. */
    private int stuck;
    /** When the next attempt is due; NONE when none is planned. */
    private long retryAtNanos;
    /** The wait before that attempt, set whenever it is planned with nothing in flight (then it is exact). */
    private Duration retryWait = Duration.ZERO;
    /** When the newest exchange counts as stuck; NONE when it never will. */
    private long stallAtNanos = NONE;

    Attempts(RetryingCaller caller, String what, HttpRequest request, String secret, Repeat repeat, Reader<T> reader) {
        this.caller = caller;
        this.what = what;
        this.request = request;
        this.secret = secret;
        this.repeat = repeat;
        this.reader = reader;
        this.retryAtNanos = System.nanoTime();
    }

    Outcome<T> run() throws InterruptedException {
        try {
            while (true) {
                if (pending.isEmpty()) {
                    pause(retryWait);
                    startNext();
                } else if (System.nanoTime() >= retryAtNanos) {
                    startNext();
                }
                awaitChange();
                caller.stop.check(what, mayHaveActed());
                Outcome<T> outcome = settleFinished();
                if (outcome != null) {
                    return outcome;
                }
                noticeStall();
            }
        } finally {
            pending.forEach(exchange -> exchange.response().cancel(true));
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
        long now = System.nanoTime();
        started++;
        pending.add(new Exchange(caller.stop.start(what, () -> caller.http.sendAsync(request, BodyHandlers.ofByteArray())),
                started, permit, now, now + caller.attemptDeadline.toNanos()));
        retryAtNanos = NONE;
        retryWait = null;
        Duration stall = repeat == Repeat.SAFE && started < caller.maxAttempts ? caller.stall.after(stuck) : null;
        stallAtNanos = stall != null ? now + stall.toNanos() : NONE;
    }

    /** Waits in real time until an exchange finishes, the stop, or the next point in time something is due. */
    private void awaitChange() throws InterruptedException {
        long until = Math.min(retryAtNanos, stallAtNanos);
        CompletableFuture<?>[] watched = new CompletableFuture<?>[pending.size() + 1];
        for (int i = 0; i < pending.size(); i++) {
            until = Math.min(until, pending.get(i).deadlineNanos());
            watched[i] = pending.get(i).response();
        }
        watched[pending.size()] = caller.stop.stopped();
        long waitNanos = until - System.nanoTime();
        if (waitNanos <= 0) {
            return;
        }
        try {
            CompletableFuture.anyOf(watched).get(waitNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException | CancellationException e) {
            // a deadline came, or an exchange ended badly: settleFinished sorts it out
        }
    }

    /** Settles every exchange that answered, failed or ran out of time; returns the outcome of a success. */
    private Outcome<T> settleFinished() {
        for (Iterator<Exchange> it = pending.iterator(); it.hasNext();) {
            Exchange exchange = it.next();
            boolean overdue = System.nanoTime() >= exchange.deadlineNanos();
            if (!exchange.response().isDone() && !overdue) {
                continue;
            }
            it.remove();
            if (exchange.number() == started) {
                stallAtNanos = NONE;
            }
            if (!exchange.response().isDone()) {
                exchange.response().cancel(true);
                failed(ManusApiException.transport(what, new HttpTimeoutException(
                        "no complete response within " + caller.attemptDeadline.toMillis() + " ms")),
                        exchange, repeat == Repeat.SAFE, null);
                continue;
            }
            Outcome<T> outcome = settle(exchange);
            if (outcome != null) {
                return outcome;
            }
        }
        return null;
    }

    private Outcome<T> settle(Exchange exchange) {
        HttpResponse<byte[]> response;
        try {
            response = exchange.response().join();
        } catch (CancellationException e) {
            caller.stop.check(what, repeat == Repeat.UNSAFE); // only the stop cancels an exchange still open
            throw e;
        } catch (CompletionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            IOException io = cause instanceof IOException ioException ? ioException : new IOException(cause);
            failed(ManusApiException.transport(what, io), exchange, repeat == Repeat.SAFE || neverSent(io), null);
            return null;
        }
        int status = response.statusCode();
        try {
            T value = reader.read(status, response.body());
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
            boolean mayRetry = repeat == Repeat.SAFE
                    // one more try for an unreadable answer: a proxy may have cut the body short
                    ? e.retryable() || (e.code() == ErrorCode.PROTOCOL && protocolFailures == 1)
                    : refusedWithoutActing(e, status);
            failed(e, exchange, mayRetry, retryAfter);
            return null;
        }
    }

    /** Plans the next attempt after a failure, or throws it when there will be none. */
    private void failed(ManusApiException failure, Exchange exchange, boolean mayRetry, Duration retryAfter) {
        ManusApiException redacted = failure.redact(secret);
        Duration wait = mayRetry && started < caller.maxAttempts ? caller.backoff.delay(started, retryAfter) : null;
        boolean othersOpen = mayRetry && wait == null && !pending.isEmpty() && !retryAfterTooLong(retryAfter);
        log.warn("{} attempt {}/{} failed [code={}, request_id={}], {}: {}", what, exchange.number(),
                caller.maxAttempts, redacted.rawCode() != null ? redacted.rawCode() : redacted.code(),
                redacted.requestId(), wait != null ? "retrying in " + wait.toMillis() + " ms"
                        : othersOpen ? "waiting for the attempt still open" : giveUpReason(mayRetry, retryAfter),
                redacted.getMessage());
        if (wait != null) {
            long now = System.nanoTime();
            retryAtNanos = retryAtNanos == NONE ? now + wait.toNanos() : Math.max(retryAtNanos, now + wait.toNanos());
            retryWait = pending.isEmpty() ? Duration.ofNanos(retryAtNanos - now) : null;
        } else if (!othersOpen) {
            throw redacted;
        }
    }

    /** The newest exchange has not answered within the stall timeout: plan another beside it. */
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
        long silentNanos = now - pending.get(pending.size() - 1).startedNanos();
        log.warn("{} attempt {}/{} has had no answer for {} ms, asking again in {} ms; the first answer wins",
                what, started, caller.maxAttempts, silentNanos / 1_000_000, wait.toMillis());
    }

    /** Backoff and Retry-After, through the replaceable sleeper; only ever called with nothing in flight. */
    private void pause(Duration wait) throws InterruptedException {
        if (!wait.isZero()) {
            caller.sleeper.sleep(wait, caller.stop.stopped());
        }
        caller.stop.check(what, false);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** After a stop, whether a request that changes something might have been acted on. */
    private boolean mayHaveActed() {
        return repeat == Repeat.UNSAFE && !pending.isEmpty();
    }

    private static boolean retryAfterTooLong(Duration retryAfter) {
        return retryAfter != null && retryAfter.compareTo(Backoff.MAX_RETRY_AFTER) > 0;
    }

    private static String giveUpReason(boolean mayRetry, Duration retryAfter) {
        if (!mayRetry) {
            return "not retried";
        }
        if (retryAfterTooLong(retryAfter)) {
            return "giving up: Retry-After " + retryAfter.toSeconds() + " s exceeds "
                    + Backoff.MAX_RETRY_AFTER.toMinutes() + " min";
        }
        return "giving up";
    }

    private static boolean refusedWithoutActing(ManusApiException failure, int status) {
        return (failure.code() == ErrorCode.RESOURCE_EXHAUSTED || failure.code() == ErrorCode.UNAVAILABLE)
                && WireNames.refusedWithoutActing(status);
    }

    /** Only a failed connect proves the server never saw the request; anything later might have reached it. */
    private static boolean neverSent(IOException e) {
        return e instanceof ConnectException || e instanceof HttpConnectTimeoutException;
    }
}
