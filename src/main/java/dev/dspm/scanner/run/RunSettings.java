package dev.dspm.scanner.run;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.dspm.scanner.config.ConfigurationException;
import dev.dspm.scanner.policy.Severity;

/**
 * {@code dspm.tenant} and {@code dspm.fail-on}: whose run this is, and when its findings change its exit code.
 *
 * @param tenant names the team this run scans: lock, resume and retention are per tenant. Optional (derived from the
 *               API URL when unset); when set, 1..200 characters and no control characters
 * @param failOn the exit code is 3 when a run ends with a NEW or OPEN finding of this severity or worse (waived and
 *               resolved findings never count); unset, findings never change the exit code
 */
@ConfigurationProperties("dspm")
public record RunSettings(String tenant, Severity failOn) {

    private static final int MAX_TENANT_LENGTH = 200;

    public RunSettings {
        tenant = tenant == null || tenant.isBlank() ? null : tenant.strip();
        if (tenant != null && (tenant.length() > MAX_TENANT_LENGTH || tenant.chars().anyMatch(Character::isISOControl))) {
            throw new ConfigurationException("dspm.tenant must be 1 to " + MAX_TENANT_LENGTH
                    + " characters without control characters");
        }
    }
}
