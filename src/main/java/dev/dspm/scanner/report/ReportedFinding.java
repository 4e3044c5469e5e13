package dev.dspm.scanner.report;

import java.time.Instant;

import dev.dspm.scanner.findings.FindingStatus;
import dev.dspm.scanner.policy.Severity;

/**
 * One finding as every report shows it: a row of {@code finding} with its policy's title and recommendation.
 * Scopes and the asset type are the stored names ({@code PUBLIC}, {@code FILE_SHARE}); a value this build does
 * not know is {@code UNKNOWN} with the API's own spelling in the {@code *Raw} field. Any tenant text may be null.
 * The owner's email, status ({@code ACTIVE}, {@code INACTIVE}, {@code REMOVED}, {@code UNKNOWN}) and delegate are the
 * run's team.user.list member under {@code ownerId}: null without owner enrichment or when no member has that id.
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
        String ownerDelegatedTo) {
}
