package dev.dspm.scanner.snapshot;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.dspm.scanner.config.ConfigurationException;

/**
 * {@code dspm.retention.*}.
 *
 * @param keepRuns          sealed snapshots kept per tenant, at least 1 (and always the newest complete one)
 * @param failedRunsMaxAge  failed or stopped runs older than this (and than {@code dspm.scan.resume-within}) are pruned
 */
@ConfigurationProperties("dspm.retention")
public record RetentionSettings(@DefaultValue("14") int keepRuns, @DefaultValue("P7D") Duration failedRunsMaxAge) {

    public RetentionSettings {
        if (keepRuns < 1) {
            throw new ConfigurationException("dspm.retention.keep-runs must be at least 1, got " + keepRuns);
        }
        if (failedRunsMaxAge.isNegative() || failedRunsMaxAge.isZero()) {
            throw new ConfigurationException("dspm.retention.failed-runs-max-age must be positive, got "
                    + failedRunsMaxAge);
        }
    }
}
