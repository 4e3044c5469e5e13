package dev.dspm.scanner.manus;

import java.net.URI;
import java.time.Duration;

import dev.dspm.scanner.ConfigurationException;

/**
 * How to reach the Manus API and how hard to push it. {@link #validate()} names the property to fix,
 * so a bad value stops the run (exit 2) before any request.
 *
 * @param maxRequestsPerSecond ceiling of the shared {@link AdaptiveRateLimiter}; it never goes faster
 * @param readTimeout          how long an attempt waits for the response headers, and again for the body
 * @param maxAttempts          attempts per call, the first included (1 = never retry)
 * @param initialBackoff       upper bound of the first retry's random wait; doubles per attempt
 * @param maxBackoff           upper bound of any retry's random wait (Retry-After may ask for longer)
 */
public record ApiSettings(
        URI baseUrl,
        double maxRequestsPerSecond,
        Duration connectTimeout,
        Duration readTimeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff) {

    public static final String BASE_URL_PROPERTY = "dspm.api.base-url";
    public static final String MAX_REQUESTS_PER_SECOND_PROPERTY = "dspm.api.max-requests-per-second";
    public static final String CONNECT_TIMEOUT_PROPERTY = "dspm.api.connect-timeout";
    public static final String READ_TIMEOUT_PROPERTY = "dspm.api.read-timeout";
    public static final String MAX_ATTEMPTS_PROPERTY = "dspm.api.max-attempts";
    public static final String INITIAL_BACKOFF_PROPERTY = "dspm.api.initial-backoff";
    public static final String MAX_BACKOFF_PROPERTY = "dspm.api.max-backoff";

    /** Production endpoint, used by every example in the Manus docs. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.manus.im");
    /** No limit is published; 20/s is polite, and the limiter backs off further on 429 anyway. */
    public static final double DEFAULT_MAX_REQUESTS_PER_SECOND = 20;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** A 1000-asset page is a few hundred kilobytes; 30 s covers a slow server without hiding a hung one. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /** With the default backoff, six attempts ride out roughly half a minute of trouble. */
    public static final int DEFAULT_MAX_ATTEMPTS = 6;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

    public static ApiSettings defaults() {
        return new ApiSettings(DEFAULT_BASE_URL, DEFAULT_MAX_REQUESTS_PER_SECOND, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_READ_TIMEOUT, DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF);
    }

    public ApiSettings withBaseUrl(URI newBaseUrl) {
        return new ApiSettings(newBaseUrl, maxRequestsPerSecond, connectTimeout, readTimeout, maxAttempts,
                initialBackoff, maxBackoff);
    }

    /** Returns this when every value is usable; otherwise throws, naming the property. */
    public ApiSettings validate() {
        validateBaseUrl();
        if (!(maxRequestsPerSecond > 0) || Double.isInfinite(maxRequestsPerSecond)) {
            throw new ConfigurationException(MAX_REQUESTS_PER_SECOND_PROPERTY
                    + " must be a number greater than 0, got " + maxRequestsPerSecond);
        }
        requirePositive(CONNECT_TIMEOUT_PROPERTY, connectTimeout);
        requirePositive(READ_TIMEOUT_PROPERTY, readTimeout);
        if (maxAttempts < 1) {
            throw new ConfigurationException(MAX_ATTEMPTS_PROPERTY + " must be at least 1, got " + maxAttempts);
        }
        requirePositive(INITIAL_BACKOFF_PROPERTY, initialBackoff);
        requirePositive(MAX_BACKOFF_PROPERTY, maxBackoff);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new ConfigurationException(MAX_BACKOFF_PROPERTY + " (" + maxBackoff + ") must not be shorter than "
                    + INITIAL_BACKOFF_PROPERTY + " (" + initialBackoff + ")");
        }
        return this;
    }

    private void validateBaseUrl() {
        if (baseUrl == null) {
            throw new ConfigurationException(BASE_URL_PROPERTY + " is required, e.g. " + DEFAULT_BASE_URL);
        }
        if (baseUrl.getRawUserInfo() != null) {
            // Not echoed: the user-info part may be a password.
            throw new ConfigurationException(BASE_URL_PROPERTY
                    + " must not contain user:password@; the API key is passed in MANUS_ASSET_*_KEY");
        }
        String scheme = baseUrl.getScheme();
        boolean web = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
        if (!baseUrl.isAbsolute() || !web || baseUrl.getHost() == null || baseUrl.getRawQuery() != null
                || baseUrl.getRawFragment() != null) {
            throw new ConfigurationException(BASE_URL_PROPERTY
                    + " must be an absolute http or https URL with a host and no query or fragment, e.g. "
                    + DEFAULT_BASE_URL + "; got '" + baseUrl + "'");
        }
    }

    private static void requirePositive(String property, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new ConfigurationException(property + " must be a duration greater than 0, got " + value);
        }
    }
}
