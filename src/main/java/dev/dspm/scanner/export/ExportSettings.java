package dev.dspm.scanner.export;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.dspm.scanner.config.ConfigurationException;

/**
 * {@code dspm.export.http.*}: the optional push of each run's OCSF events to an HTTP collector.
 *
 * @param url            the collector's URL; unset, nothing is sent. For Splunk, the HTTP Event Collector's
 *                       {@code https://<host>:8088/services/collector/event}
 * @param token          the collector's token, sent as {@code Authorization: Bearer <token>} ({@code Splunk <token>} to
 *                       Splunk); better given as the environment variable {@code DSPM_EXPORT_HTTP_TOKEN}, or in a file
 *                       with {@code token-file}, than on the command line
 * @param tokenFile      path of a file holding the token (a mounted Kubernetes Secret); not both
 * @param format         the body of each request: {@code json} (a JSON array of events), {@code ndjson} (one event a
 *                       line) or {@code splunk-hec} (the HTTP Event Collector's event envelopes)
 * @param batchSize      events per request at most (and never more than 1 MB of them)
 * @param maxAttempts    requests per batch, the first included, on a 408, 429 or 5xx answer or no answer; then the
 *                       run's push stops there, and the run's exit code is unchanged
 * @param initialBackoff upper bound of the first retry's random wait; doubles per attempt
 * @param maxBackoff     upper bound of any retry's wait, a {@code Retry-After} included
 * @param timeout        how long a request waits for the connection, and again for the answer
 */
@ConfigurationProperties("dspm.export.http")
public record ExportSettings(URI url, String token, Path tokenFile, @DefaultValue("json") Format format,
        @DefaultValue("200") int batchSize, @DefaultValue("5") int maxAttempts, @DefaultValue("PT1S") Duration initialBackoff,
        @DefaultValue("PT30S") Duration maxBackoff, @DefaultValue("PT30S") Duration timeout) {

    private static final String PREFIX = "dspm.export.http.";

    /** The body of a request. */
    public enum Format {
        /** A JSON array of the batch's events, {@code application/json}. */
        JSON,
        /** One event a line, {@code application/x-ndjson}: Elastic, Logstash, Vector, Fluent Bit. */
        NDJSON,
        /** Splunk's HTTP Event Collector: one {@code {"time":..,"event":{..}}} envelope per event. */
        SPLUNK_HEC
    }

    public ExportSettings {
        format = format == null ? Format.JSON : format;
        if (url != null) {
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
                throw new ConfigurationException(PREFIX + "url must be an http:// or https:// URL with a host, got "
                        + target(url));
            }
            if (url.getRawUserInfo() != null) {
                throw new ConfigurationException(PREFIX + "url must not carry credentials (they would be logged): give them "
                        + "as " + PREFIX + "token or " + PREFIX + "token-file");
            }
        }
        range("batch-size", batchSize, 1, 10_000);
        range("max-attempts", maxAttempts, 1, 20);
        positive("initial-backoff", initialBackoff);
        positive("max-backoff", maxBackoff);
        positive("timeout", timeout);
    }

    /**
     * Checks the token before any request, as start-up checks every setting: one of {@code token} and
     * {@code token-file} at most, the file readable, and a value an HTTP header can carry. Not in the constructor: the
     * file is read when the run needs it (a rotated Secret is read anew), and binding a setting reads no file.
     */
    public void checkToken() {
        secret();
    }

    /** The token, from the setting or read from its file now; empty when neither is set. */
    public Optional<String> secret() {
        if (token != null && tokenFile != null) {
            throw new ConfigurationException(PREFIX + "token and " + PREFIX + "token-file are both set: set one");
        }
        String value = tokenFile != null ? read(tokenFile) : token;
        if (value != null && (value.isBlank() || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
            throw new ConfigurationException(PREFIX + (tokenFile != null ? "token-file holds" : "token is")
                    + " no usable token (blank, or a control character that an HTTP header cannot carry)");
        }
        return Optional.ofNullable(value);
    }

    /** Whether the run pushes its events at all. */
    public boolean enabled() {
        return url != null;
    }

    /**
     * The collector as it may be shown and stored: scheme, host, port and path, never user info or query (either may
     * hold a credential).
     */
    public String target() {
        return url == null ? null : target(url);
    }

    static String target(URI url) {
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()) + path;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException | SecurityException e) {
            throw new ConfigurationException(PREFIX + "token-file=" + file + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static void range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigurationException(PREFIX + name + " must be " + min + ".." + max + ", got " + value);
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new ConfigurationException(PREFIX + name + " must be a positive duration, got " + value);
        }
    }

    /** Never the token, nor what a URL might hide in its query. */
    @Override
    public String toString() {
        return "ExportSettings[" + (url == null ? "off" : target() + ", " + format.name().toLowerCase(Locale.ROOT)
                + ", batches of " + batchSize + ", " + (token == null && tokenFile == null ? "no token" : tokenFile != null
                        ? "token from " + tokenFile : "token set")) + "]";
    }
}
