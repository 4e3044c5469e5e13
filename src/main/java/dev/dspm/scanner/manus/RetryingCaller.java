package dev.dspm.scanner.manus;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dspm.scanner.manus.ManusApiException.ErrorCode;

/**
 * Sends one request until it succeeds, fails for good, or runs out of attempts: every attempt waits
 * for the shared rate limiter, 429s feed the limiter, and each failure is logged at WARN (without the
 * key: requests are described by the caller, headers are never logged).
 */
final class RetryingCaller {

    private static final Logger log = LoggerFactory.getLogger(RetryingCaller.class);

    /** Whether repeating the request is harmless once the server may have seen it. */
    enum Repeat { SAFE, UNSAFE }

    /** Reads a response into its value, or throws the {@link ManusApiException} it describes. */
    @FunctionalInterface
    interface Reader<T> {
        T read(int status, byte[] body);
    }

    record Outcome<T>(T value, int throttled) {
    }

    private final HttpClient http;
    private final AdaptiveRateLimiter limiter;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration attemptDeadline;
    private final AtomicBoolean firstCallTaken = new AtomicBoolean();
    private final CountDownLatch firstCallDone = new CountDownLatch(1);

    RetryingCaller(HttpClient http, AdaptiveRateLimiter limiter, Backoff backoff, Sleeper sleeper, Clock clock,
            int maxAttempts, Duration attemptDeadline) {
        this.http = http;
        this.limiter = limiter;
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.attemptDeadline = attemptDeadline;
    }

    /**
     * @param what   the request as logs and errors describe it (never the key)
     * @param secret the key in the request, masked should a server echo it in an error message
     */
    <T> Outcome<T> call(String what, HttpRequest request, String secret, Repeat repeat, Reader<T> reader) {
        // The first exchange goes alone. A cold HttpClient holds the paced requests of every partition
        // while it starts, then sends them all at once: a burst that empties the server's bucket.
        // It also keeps a wrong URL or key from failing on every thread at the same time.
        if (firstCallDone.getCount() > 0) {
            if (firstCallTaken.compareAndSet(false, true)) {
                try {
                    return attempts(what, request, secret, repeat, reader);
                } finally {
                    firstCallDone.countDown();
                }
            }
            try {
                firstCallDone.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ManusApiException(ErrorCode.TRANSPORT, null, 0, null, what + " interrupted", e);
            }
        }
        return attempts(what, request, secret, repeat, reader);
    }

    private <T> Outcome<T> attempts(String what, HttpRequest request, String secret, Repeat repeat, Reader<T> reader) {
        int throttled = 0;
        int protocolFailures = 0;
        for (int attempt = 1;; attempt++) {
            ManusApiException failure;
            Duration retryAfter = null;
            boolean mayRetry;
            try {
                long permit = limiter.acquire();
                long started = System.nanoTime();
                try {
                    HttpResponse<byte[]> response = send(request);
                    int status = response.statusCode();
                    try {
                        T value = reader.read(status, response.body());
                        limiter.onSuccess(permit);
                        log.debug("{}: HTTP {} in {} ms, attempt {}/{}", what, status,
                                (System.nanoTime() - started) / 1_000_000, attempt, maxAttempts);
                        return new Outcome<>(value, throttled);
                    } catch (ManusApiException e) {
                        failure = e.redact(secret);
                        retryAfter = Backoff.parseRetryAfter(
                                response.headers().firstValue(WireNames.RETRY_AFTER_HEADER).orElse(null),
                                clock.instant());
                        if (failure.code() == ErrorCode.RESOURCE_EXHAUSTED) {
                            throttled++;
                            limiter.onThrottled(permit);
                        }
                        if (failure.code() == ErrorCode.PROTOCOL) {
                            protocolFailures++;
                        }
                        mayRetry = repeat == Repeat.SAFE
                                // one more try for an unreadable answer: a proxy may have cut the body short
                                ? failure.retryable() || (failure.code() == ErrorCode.PROTOCOL && protocolFailures == 1)
                                : refusedWithoutActing(failure, status);
                    }
                } catch (IOException e) {
                    failure = ManusApiException.transport(what, e).redact(secret);
                    mayRetry = repeat == Repeat.SAFE || neverSent(e);
                }
                Duration wait = mayRetry && attempt < maxAttempts ? backoff.delay(attempt, retryAfter) : null;
                log.warn("{} attempt {}/{} failed [code={}, request_id={}], {}: {}", what, attempt, maxAttempts,
                        failure.rawCode() != null ? failure.rawCode() : failure.code(), failure.requestId(),
                        wait != null ? "retrying in " + wait.toMillis() + " ms" : giveUpReason(mayRetry, retryAfter),
                        failure.getMessage());
                if (wait == null) {
                    throw failure;
                }
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ManusApiException(ErrorCode.TRANSPORT, null, 0, null, what + " interrupted", e);
            }
        }
    }

    private String giveUpReason(boolean mayRetry, Duration retryAfter) {
        if (!mayRetry) {
            return "not retried";
        }
        if (retryAfter != null && retryAfter.compareTo(Backoff.MAX_RETRY_AFTER) > 0) {
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

    private HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(request, BodyHandlers.ofByteArray());
        try {
            // The request timeout only covers the wait for headers; this bounds a body that stalls.
            return future.get(attemptDeadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("no complete response within " + attemptDeadline.toMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null
                    ? c.getCause() : e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        }
    }
}
