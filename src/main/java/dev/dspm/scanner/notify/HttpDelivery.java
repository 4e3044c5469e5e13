package dev.dspm.scanner.notify;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * POSTs a JSON body to a webhook, retrying a 429, a 5xx, a 408, a timeout or a dropped connection with backoff that
 * honours Retry-After, at most {@code dspm.notify.max-attempts} times. No redirect is followed (a webhook that
 * redirects would carry the body elsewhere). What it reports never holds the URL, which is a credential.
 */
final class HttpDelivery {

    private static final int SHOWN = 200;

    private final NotifySettings settings;
    private final Backoff backoff;
    private final Backoff.Sleeper sleeper;
    private final HttpClient http;

    HttpDelivery(NotifySettings settings, Backoff.Sleeper sleeper) {
        this.settings = settings;
        this.backoff = new Backoff(settings);
        this.sleeper = sleeper;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** {@code headers} are made for each attempt (the webhook signs each attempt's timestamp). */
    Delivery post(URI url, String body, IntFunction<Map<String, String>> headers) throws InterruptedException {
        String last = "not sent";
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(settings.timeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", "dspm-scanner")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            headers.apply(attempt).forEach(request::header);
            Duration retryAfter = null;
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return new Delivery(true, attempt, "HTTP " + status);
                }
                last = "HTTP " + status + answer(url, status, response.body());
                if (!(status == 429 || status == 408 || status >= 500)) {
                    return new Delivery(false, attempt, last);
                }
                retryAfter = retryAfter(response.headers().firstValue("Retry-After")).orElse(null);
            } catch (HttpTimeoutException e) {
                last = "no answer within " + settings.timeout().toSeconds() + " s (dspm.notify.timeout)";
            } catch (ConnectException e) {
                last = "connection refused";
            } catch (IOException e) {
                last = "connection failed (" + e.getClass().getSimpleName() + ")";
            }
            if (attempt == settings.maxAttempts()) {
                break;
            }
            Optional<Duration> wait = backoff.after(attempt, retryAfter);
            if (wait.isEmpty()) {
                return new Delivery(false, attempt, last + ", asked to retry after " + retryAfter.toSeconds()
                        + " s, longer than dspm.notify.max-backoff");
            }
            sleeper.sleep(wait.get());
        }
        return new Delivery(false, settings.maxAttempts(), last + " after " + Text.count(settings.maxAttempts(), "attempt"));
    }

    /** A 4xx's answer, which says what the receiver disliked ({@code invalid_blocks}); never a 5xx's error page. */
    private static String answer(URI url, int status, String body) {
        if (status >= 500 || body == null || body.isBlank()) {
            return "";
        }
        return ": " + Text.printable(redacted(url, body.strip()), SHOWN);
    }

    /**
     * The answer without any part of the URL's path or query: a receiver that echoes the request, or part of it
     * ({@code invalid_token for T000/B000/XXXX}), must not put the URL, a credential, into the job's output.
     */
    static String redacted(URI url, String answer) {
        List<String> parts = new ArrayList<>(List.of(url.toString(), url.getRawPath()));
        for (String part : (url.getRawPath() + "/" + Objects.toString(url.getRawQuery(), "")).split("[/?&=;]")) {
            if (part.length() >= 4) {
                parts.add(part);
                parts.add(URLDecoder.decode(part, StandardCharsets.UTF_8));
            }
        }
        parts.sort(Comparator.comparingInt(String::length).reversed());
        String shown = answer;
        for (String part : parts) {
            shown = shown.replace(part, "[url]");
        }
        return shown;
    }

    /** Seconds or an HTTP date, as RFC 9110 allows; a value that is neither is ignored. */
    static Optional<Duration> retryAfter(Optional<String> header) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().strip();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
