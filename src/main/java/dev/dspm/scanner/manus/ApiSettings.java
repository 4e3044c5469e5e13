package dev.dspm.scanner.manus;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import dev.dspm.scanner.config.ConfigurationException;

/**
 * How to reach the Manus API and how hard to push it ({@code dspm.api.*}). Every instance is valid: the
 * constructor names the property to fix, so a bad value stops the run (exit 2) before any request.
 *
 * @param baseUrl              the API endpoint; the production one is used by every example in the Manus docs
 * @param maxRequestsPerSecond ceiling of the adaptive rate limiter all threads share; it never goes faster. No limit
 *                             is published: 20/s is polite, and the limiter backs off further on 429 anyway
 * @param connectTimeout       how long an attempt waits for the TCP and TLS handshake
 * @param readTimeout          how long an attempt waits for the response headers, and again for the body; a
 *                             1000-asset page is a few hundred kilobytes, so 30 s covers a slow server without
 *                             hiding a hung one
 * @param maxAttempts          attempts per call, the first included (1 = never retry); with the default backoff,
 *                             six ride out roughly half a minute of trouble
 * @param initialBackoff       upper bound of the first retry's random wait; doubles per attempt
 * @param maxBackoff           upper bound of any retry's random wait (Retry-After may ask for longer)
 * @param maxBodySize          the largest answer read (e.g. 8MB, 512KB): a larger one is refused as it arrives, the
 *                             call failing without a retry. The API's largest page is 1,000 shares of about 500 bytes;
 *                             8MB allows 8 KB a share, and bounds the memory of every answer in flight (the page each
 *                             scan thread waits on and up to 12 more ahead across all of them, and a second request
 *                             beside a stalled one)
 */
@ConfigurationProperties(ApiSettings.PREFIX)
public record ApiSettings(
        @DefaultValue("https://api.manus.im") URI baseUrl,
        @DefaultValue("20") double maxRequestsPerSecond,
        @DefaultValue("PT5S") Duration connectTimeout,
        @DefaultValue("PT30S") Duration readTimeout,
        @DefaultValue("6") int maxAttempts,
        @DefaultValue("PT0.2S") Duration initialBackoff,
        @DefaultValue("PT30S") Duration maxBackoff,
        @DefaultValue("8MB") DataSize maxBodySize) {

    public static final String PREFIX = "dspm.api";
    private static final String EXAMPLE_URL = "https://api.manus.im";
    static final DataSize DEFAULT_MAX_BODY_SIZE = DataSize.ofMegabytes(8);
    /** A body is read into one array, which Java caps at 2 GiB; far beyond any page anyway. */
    private static final DataSize MAX_MAX_BODY_SIZE = DataSize.ofGigabytes(1);

    @ConstructorBinding
    public ApiSettings {
        validateBaseUrl(baseUrl);
        if (!(maxRequestsPerSecond > 0) || Double.isInfinite(maxRequestsPerSecond)) {
            throw new ConfigurationException(PREFIX + ".max-requests-per-second must be a number greater than 0, got "
                    + maxRequestsPerSecond);
        }
        requirePositive("connect-timeout", connectTimeout);
        requirePositive("read-timeout", readTimeout);
        if (maxAttempts < 1) {
            throw new ConfigurationException(PREFIX + ".max-attempts must be at least 1, got " + maxAttempts);
        }
        requirePositive("initial-backoff", initialBackoff);
        requirePositive("max-backoff", maxBackoff);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new ConfigurationException(PREFIX + ".max-backoff (" + maxBackoff + ") must not be shorter than "
                    + PREFIX + ".initial-backoff (" + initialBackoff + ")");
        }
        if (maxBodySize == null || maxBodySize.toBytes() < 1024 || maxBodySize.compareTo(MAX_MAX_BODY_SIZE) > 0) {
            throw new ConfigurationException(PREFIX + ".max-body-size must be between 1KB and 1GB, got " + maxBodySize);
        }
    }

    /** With the default {@code max-body-size}. */
    public ApiSettings(URI baseUrl, double maxRequestsPerSecond, Duration connectTimeout, Duration readTimeout,
            int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        this(baseUrl, maxRequestsPerSecond, connectTimeout, readTimeout, maxAttempts, initialBackoff, maxBackoff,
                DEFAULT_MAX_BODY_SIZE);
    }

    /** The documented defaults: what binding an empty configuration gives, so they are written down once. */
    public static ApiSettings defaults() {
        return new Binder().bindOrCreate(PREFIX, Bindable.of(ApiSettings.class));
    }

    public ApiSettings withBaseUrl(URI newBaseUrl) {
        return new ApiSettings(newBaseUrl, maxRequestsPerSecond, connectTimeout, readTimeout, maxAttempts,
                initialBackoff, maxBackoff, maxBodySize);
    }

    /**
     * Returns this: the constructor has already checked every value. Kept so callers that received the
     * settings from elsewhere can say that they rely on it.
     */
    public ApiSettings validate() {
        return this;
    }

    private static void validateBaseUrl(URI baseUrl) {
        if (baseUrl == null) {
            throw new ConfigurationException(PREFIX + ".base-url is required, e.g. " + EXAMPLE_URL);
        }
        if (baseUrl.getRawUserInfo() != null) {
            // Not echoed: the user-info part may be a password.
            throw new ConfigurationException(PREFIX
                    + ".base-url must not contain user:password@; the API key is passed in MANUS_ASSET_*_KEY");
        }
        String scheme = baseUrl.getScheme();
        boolean web = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
        if (!baseUrl.isAbsolute() || !web || baseUrl.getHost() == null || baseUrl.getRawQuery() != null
                || baseUrl.getRawFragment() != null) {
            throw new ConfigurationException(PREFIX
                    + ".base-url must be an absolute http or https URL with a host and no query or fragment, e.g. "
                    + EXAMPLE_URL + "; got '" + baseUrl + "'");
        }
    }

    private static void requirePositive(String property, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new ConfigurationException(PREFIX + "." + property + " must be a duration greater than 0, got " + value);
        }
    }
}
