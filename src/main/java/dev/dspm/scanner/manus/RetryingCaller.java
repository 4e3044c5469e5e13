package dev.dspm.scanner.manus;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.dspm.scanner.manus.ManusApiException.ErrorCode;

/**
 * Sends one request until it succeeds, fails for good, runs out of attempts or the client is stopped
 * (see {@link Attempts} for one call). What all calls of a client share lives here: the rate limiter,
 * the backoff, the stall timeout learnt from past answers, and the stop.
 */
final class RetryingCaller {

    /** Whether repeating the request is harmless once the server may have seen it. */
    enum Repeat { SAFE, UNSAFE }

    /** Reads a response into its value, or throws the {@link ManusApiException} it describes. */
    @FunctionalInterface
    interface Reader<T> {
        T read(int status, byte[] body);
    }

    record Outcome<T>(T value, int throttled) {
    }

    final HttpClient http;
    final AdaptiveRateLimiter limiter;
    final Backoff backoff;
    final Sleeper sleeper;
    final Clock clock;
    final int maxAttempts;
    final Duration attemptDeadline;
    final StallTimeout stall;
    final KeyEcho echo;
    final long maxBodyBytes;
    final StopSignal stop = new StopSignal();
    final ApiTally tally = new ApiTally();
    private final AtomicBoolean firstCallTaken = new AtomicBoolean();
    private final CompletableFuture<Void> firstCallDone = new CompletableFuture<>();

    /**
     * @param sleeper         waits out backoff and Retry-After (waits for answers and permits are real)
     * @param attemptDeadline bounds one exchange, body included (the request's own timeout covers the headers)
     * @param stall           when a request that is safe to repeat is asked again beside itself
     * @param echo            masks the run's keys in every answer before it is read
     * @param maxBodyBytes    the largest body read ({@link BodyCap})
     */
    RetryingCaller(HttpClient http, AdaptiveRateLimiter limiter, Backoff backoff, Sleeper sleeper, Clock clock,
            int maxAttempts, Duration attemptDeadline, StallTimeout stall, KeyEcho echo, long maxBodyBytes) {
        this.http = http;
        this.limiter = limiter;
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.attemptDeadline = attemptDeadline;
        this.stall = stall;
        this.echo = echo;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * @param operation the API operation, as the run's metrics count it
     * @param what      the request as logs and errors describe it (never the key)
     */
    <T> Outcome<T> call(String operation, String what, HttpRequest request, Repeat repeat,
            Reader<T> reader) {
        try {
            // The first exchange goes alone. A cold HttpClient holds the paced requests of every partition
            // while it starts, then sends them all at once: a burst that empties the server's bucket.
            // It also keeps a wrong URL or key from failing on every thread at the same time.
            if (!firstCallDone.isDone()) {
                if (firstCallTaken.compareAndSet(false, true)) {
                    try {
                        return new Attempts<>(this, operation, what, request, repeat, reader).run();
                    } finally {
                        firstCallDone.complete(null);
                    }
                }
                awaitFirstCall();
            }
            return new Attempts<>(this, operation, what, request, repeat, reader).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ManusApiException(ErrorCode.TRANSPORT, null, 0, null, what + " interrupted", e);
        }
    }

    /** Ends every call now and for good; idempotent, and the first reason stands. */
    void abort(String reason) {
        stop.stop(reason);
    }

    /** Returns once the first call is over, or at a stop (the attempt that follows then throws ABORTED). */
    private void awaitFirstCall() throws InterruptedException {
        try {
            CompletableFuture.anyOf(firstCallDone, stop.stopped()).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("neither future completes exceptionally", e);
        }
    }
}
