package dev.dspm.scanner.report;

import java.time.Instant;

import dev.dspm.scanner.policy.FindingStatus;
import dev.dspm.scanner.policy.Severity;

/**
 * One finding as every report shows it: a row of {@code finding} with its policy's title and recommendation.
 * Scopes and the asset type are the stored names ({@code PUBLIC}, {@code FILE_SHARE}); a value this build does
 * not know is {@code UNKNOWN} with the API's own spelling in the {@code *Raw} field. Any tenant text may be null.
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
        String resolution) {
}
