package dev.dspm.scanner.remediation;

import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.dspm.scanner.config.ConfigurationException;

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
 * @param approvedPlan    in apply mode, apply exactly the actions planned by this earlier run, as reviewed, each only
 *                        while tonight's findings still call for it and no waiver covers it
 * @param approvedPlanMaxAge an approved plan whose snapshot is older than this is refused: review a fresh one
 * @param revert          in apply mode, restore every share this earlier run tightened to the scope it had before,
 *                        if it still has the scope that run set; not with an approved plan
 * @param threads         in apply mode, actions sent at once (1 to 32); the API's rate limit
 *                        ({@code dspm.api.max-requests-per-second}) paces them all. More than one keeps that pace
 *                        while each answer and each action's record in the database take their time
 */
@ConfigurationProperties("dspm.remediation")
public record RemediationSettings(@DefaultValue("PLAN") Mode mode, @DefaultValue("P1D") Duration gracePeriod,
        @DefaultValue("50") int maxActions, @DefaultValue("PT2H") Duration maxSnapshotAge, String notePrefix,
        Long approvedPlan, @DefaultValue("P7D") Duration approvedPlanMaxAge, Long revert, @DefaultValue("4") int threads) {

    static final int MAX_PREFIX_LENGTH = 200;
    static final int MAX_THREADS = 32;

    public enum Mode {
        OFF, PLAN, APPLY
    }

    /** Where tonight's actions come from, when the mode is not off. */
    enum Source {
        /** Tonight's findings. */
        FINDINGS,
        /** An earlier run's plan, as reviewed. */
        APPROVED_PLAN,
        /** An earlier run's applied actions, taken back. */
        REVERT
    }

    /** The settings a re-judge plans with: plan mode (or off), from the run's own findings, never applied. */
    RemediationSettings replan() {
        return new RemediationSettings(mode == Mode.OFF ? Mode.OFF : Mode.PLAN, gracePeriod, maxActions, maxSnapshotAge,
                notePrefix, null, approvedPlanMaxAge, null, threads);
    }

    Source source() {
        return approvedPlan != null ? Source.APPROVED_PLAN : revert != null ? Source.REVERT : Source.FINDINGS;
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
        if (approvedPlanMaxAge.isNegative() || approvedPlanMaxAge.isZero()) {
            throw new ConfigurationException("dspm.remediation.approved-plan-max-age must be positive, got " + approvedPlanMaxAge);
        }
        if (revert != null && mode != Mode.APPLY) {
            throw new ConfigurationException("dspm.remediation.revert=" + revert + " changes shares back: "
                    + "set dspm.remediation.mode=apply too");
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new ConfigurationException("dspm.remediation.threads must be 1 to " + MAX_THREADS + ", got " + threads);
        }
    }
}
