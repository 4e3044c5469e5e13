package dev.dspm.scanner.remediation;

import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.dspm.scanner.ConfigurationException;

/**
 * {@code dspm.remediation.*}: whether the job may tighten over-exposed shares, and the guardrails around it.
 *
 * @param mode            {@code off}, {@code plan} (the default: decide and record the actions, call nothing) or
 *                        {@code apply} (call {@code team.asset.update_scope} for each planned action; needs the
 *                        management key)
 * @param gracePeriod     a finding first seen less than this long before the snapshot is left to its owner
 * @param maxActions      a plan with more actions than this is not applied at all (a broken policy must not
 *                        rewrite a tenant)
 * @param maxSnapshotAge  a snapshot older than this (a run resumed the next morning) is not acted on
 * @param notePrefix      put before every audit note, e.g. a ticket or team name; at most 200 characters
 * @param approvedPlan    in apply mode, apply exactly the actions planned by this earlier run, as reviewed
 */
@ConfigurationProperties("dspm.remediation")
public record RemediationSettings(@DefaultValue("PLAN") Mode mode, @DefaultValue("P1D") Duration gracePeriod,
        @DefaultValue("50") int maxActions, @DefaultValue("PT2H") Duration maxSnapshotAge, String notePrefix,
        Long approvedPlan) {

    static final int MAX_PREFIX_LENGTH = 200;

    public enum Mode {
        OFF, PLAN, APPLY
    }

    public RemediationSettings {
        Objects.requireNonNull(mode, "mode");
        if (gracePeriod.isNegative()) {
            throw new ConfigurationException("dspm.remediation.grace-period must not be negative (PT0S acts on new findings"
                    + " at once), got " + gracePeriod);
        }
        if (maxActions < 1) {
            throw new ConfigurationException("dspm.remediation.max-actions must be at least 1, got " + maxActions
                    + " (use dspm.remediation.mode=plan to take no action)");
        }
        if (maxSnapshotAge.isNegative() || maxSnapshotAge.isZero()) {
            throw new ConfigurationException("dspm.remediation.max-snapshot-age must be positive, got " + maxSnapshotAge);
        }
        notePrefix = notePrefix == null || notePrefix.isBlank() ? null : notePrefix.strip();
        if (notePrefix != null && (notePrefix.length() > MAX_PREFIX_LENGTH || notePrefix.chars().anyMatch(Character::isISOControl))) {
            throw new ConfigurationException("dspm.remediation.note-prefix must be at most " + MAX_PREFIX_LENGTH
                    + " characters without control characters (it goes into the team's audit log)");
        }
        if (approvedPlan != null && mode != Mode.APPLY) {
            throw new ConfigurationException("dspm.remediation.approved-plan=" + approvedPlan + " applies a reviewed plan: "
                    + "set dspm.remediation.mode=apply too");
        }
    }
}
