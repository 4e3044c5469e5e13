package dev.dspm.scanner.report;

import java.time.Instant;

import dev.dspm.scanner.findings.FindingStatus;
import dev.dspm.scanner.policy.Severity;
import dev.dspm.scanner.remediation.ActionStatus;

/**
 * One finding as every report shows it: a row of {@code finding} with its policy's title and recommendation.
 * Scopes and the asset type are the stored names ({@code PUBLIC}, {@code FILE_SHARE}); a value this build does
 * not know is {@code UNKNOWN} with the API's own spelling in the {@code *Raw} field. Any tenant text may be null.
 * The owner's email, status ({@code ACTIVE}, {@code INACTIVE}, {@code REMOVED}, {@code UNKNOWN}) and delegate are the
 * run's team.user.list member under {@code ownerId}: null without owner enrichment or when no member has that id.
 * {@code remediation} is the run's action on the share, when one was planned or sent (not one skipped), and only when
 * the pass was asked to join them ({@link ReportFile#readsRemediation()}); null otherwise.
 */
record ReportedFinding(
        String shareUid,
        String assetType,
        String assetName,
        String ownerId,
        String permission,
        String permissionRaw,
        String maxPermission,
        String maxPermissionRaw,
        Boolean assetExists,
        String policyId,
        Severity severity,
        String title,
        String recommendedScope,
        FindingStatus status,
        long firstSeenRun,
        Instant firstSeen,
        Instant lastSeen,
        String waiverKey,
        Boolean waiverActive,
        String resolution,
        String ownerEmail,
        String ownerStatus,
        String ownerDelegatedTo,
        Remediation remediation) {

    /**
     * The run's remediation action on the finding's share: one per share, to the tightest scope its findings
     * recommend, so it serves every finding of the share.
     *
     * @param policyId  the finding whose recommendation set the target
     * @param requestId the server's request id of an applied call, when it answered one
     */
    record Remediation(String policyId, String fromScope, String toScope, ActionStatus status, String requestId,
            Instant updatedAt) {
    }
}
