package dev.dspm.scanner.export;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import dev.dspm.scanner.config.BuildVersion;
import dev.dspm.scanner.logging.InertText;

/**
 * The HTTP collector: one batch of events per POST, retried with exponential backoff and jitter on an answer that
 * asks for it (408, 429, 5xx, honouring {@code Retry-After} up to the longest wait) or on no answer at all, up to the
 * attempts allowed. Every request of a batch carries the batch's {@code Idempotency-Key}, so that a collector that
 * honours it takes a batch sent twice (no answer came to the first) once. The token goes in the Authorization header
 * and nowhere else; an answer that echoes it has it blanked before it is kept or logged.
 */
final class Collector {

    /** What came of one batch. */
    sealed interface Outcome {
    }

    /** The collector took the batch (a 2xx). */
    record Accepted(int status) implements Outcome {
    }

    /** The collector refused the batch for good (another 4xx), or never took it within the attempts. */
    record Failed(Integer status, String why) implements Outcome {
    }

    /** The run is being stopped: no request leaves any more, and one in flight was abandoned. */
    static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("stopped", null, false, false);
        }
    }

    private static final Duration POLL = Duration.ofMillis(100);

    private final ExportSettings settings;
    private final URI url;
    private final Optional<String> token;
    private final HttpClient http;

    Collector(ExportSettings settings) {
        this.settings = settings;
        this.url = settings.url();
        this.token = settings.secret();
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Sends the batch until the collector takes it, refuses it, or the attempts run out.
     *
     * @param beforeEach called before each request leaves (the ledger counts it)
     * @param stopped    polled while waiting: once true, no request leaves and a request in flight is abandoned
     * @throws Stopped when stopped
     */
    Outcome send(byte[] body, String idempotencyKey, Runnable beforeEach, BooleanSupplier stopped) {
        HttpRequest request = request(body, idempotencyKey);
        String last = "no attempt";
        Integer lastStatus = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            if (stopped.getAsBoolean()) {
                throw new Stopped();
            }
            beforeEach.run();
            OptionalLong retryAfter = OptionalLong.empty();
            try {
                HttpResponse<String> response = await(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()), stopped);
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return new Accepted(status);
                }
                lastStatus = status;
                last = "HTTP " + status + answer(response.body());
                if (!retryable(status)) {
                    return new Failed(status, last);
                }
                retryAfter = retryAfter(response);
            } catch (IOException e) {
                lastStatus = null;
                last = "no answer (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + InertText.line(blank(e.getMessage())))
                        + ")";
            }
            if (attempt < settings.maxAttempts()) {
                sleep(backoff(attempt, retryAfter), stopped);
            }
        }
        return new Failed(lastStatus, last + " after " + settings.maxAttempts() + " attempt"
                + (settings.maxAttempts() == 1 ? "" : "s"));
    }

    /** 408 and 429 ask to come back; a 5xx may pass. Any other 4xx will answer the same again. */
    static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    private HttpRequest request(byte[] body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(settings.timeout())
                .header("Content-Type", switch (settings.format()) {
                    case NDJSON -> "application/x-ndjson";
                    case JSON, SPLUNK_HEC -> "application/json";
                })
                .header("Idempotency-Key", idempotencyKey)
                .header("User-Agent", "dspm-scanner/" + BuildVersion.get())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        token.ifPresent(secret -> request.header("Authorization",
                (settings.format() == ExportSettings.Format.SPLUNK_HEC ? "Splunk " : "Bearer ") + secret));
        return request.build();
    }

    /** Waits for the answer in short slices, to abandon it at once when the run is stopped. */
    private static <T> T await(CompletableFuture<T> answer, BooleanSupplier stopped) throws IOException {
        while (true) {
            try {
                return answer.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (stopped.getAsBoolean()) {
                    answer.cancel(true);
                    throw new Stopped();
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer.cancel(true);
                throw new Stopped();
            }
        }
    }

    private Duration backoff(int attempt, OptionalLong retryAfterSeconds) {
        long ceiling = Math.min(settings.maxBackoff().toMillis(), settings.initialBackoff().toMillis() << Math.min(attempt - 1, 20));
        long wait = ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
        if (retryAfterSeconds.isPresent()) {
            wait = Math.max(wait, Math.min(settings.maxBackoff().toMillis(), retryAfterSeconds.getAsLong() * 1_000));
        }
        return Duration.ofMillis(wait);
    }

    private static void sleep(Duration wait, BooleanSupplier stopped) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (stopped.getAsBoolean()) {
                throw new Stopped();
            }
            try {
                Thread.sleep(Math.max(1, Math.min(POLL.toMillis(), (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Stopped();
            }
        }
    }

    private static OptionalLong retryAfter(HttpResponse<?> response) {
        try {
            return response.headers().firstValue("Retry-After").map(String::strip).map(Long::parseLong)
                    .filter(seconds -> seconds >= 0).map(OptionalLong::of).orElse(OptionalLong.empty());
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // an HTTP date: the backoff's own wait applies
        }
    }

    /**
     * The first 300 characters of an answer, the token blanked should the collector echo it, made inert (a collector's
     * text goes to the console and the summary: its line breaks and terminal controls must not).
     */
    private String answer(String body) {
        String text = body == null ? "" : InertText.line(blank(body.strip()));
        if (text.isEmpty()) {
            return "";
        }
        return ": " + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
    }

    private String blank(String text) {
        return token.map(secret -> text.replace(secret, "[token]")).orElse(text);
    }
}
