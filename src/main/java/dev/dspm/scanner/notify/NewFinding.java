package dev.dspm.scanner.notify;

import java.time.Instant;

import dev.dspm.scanner.policy.Severity;

/**
 * A new finding as messages tell it: the share, its owner as the run's members say, the policy, and how and when it is
 * fixed. Every text but the ids the job made may be null and is hostile (tenant names, owner emails, policy text).
 *
 * @param ownerStatus the owner's member status ({@code ACTIVE}, {@code INACTIVE}, {@code REMOVED}...), null when unknown
 * @param ownerDelegatedTo for a delegated profile (a departed member's, handed on), the colleague's email
 * @param actOn       when remediation first acts on it (first seen + {@code dspm.remediation.grace-period}) unless it is
 *                    fixed or waived; null when remediation never will (mode off, or a policy that forbids it)
 */
record NewFinding(String shareUid, String assetType, String assetName, String ownerId, String ownerEmail,
        String ownerStatus, String ownerDelegatedTo, String permission, String policyId, String title, String rationale,
        Severity severity, String recommendedScope, Instant firstSeen, Instant actOn) {

    /** Left the team: nobody is there to ask about what they shared. */
    boolean ownerDeparted() {
        return "INACTIVE".equals(ownerStatus) || "REMOVED".equals(ownerStatus);
    }
}
