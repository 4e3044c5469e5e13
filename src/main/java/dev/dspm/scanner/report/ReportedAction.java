package dev.dspm.scanner.report;

import java.time.Instant;

import dev.dspm.scanner.remediation.ActionStatus;
import dev.dspm.scanner.remediation.SkipReason;

/**
 * One row of a run's remediation as the reports list it: what was (or would be) done to one share, and what became
 * of it. Scopes are the stored names (OWNER, TEAM_ONLY, PUBLIC, UNKNOWN).
 *
 * @param assetName the share's name in the finding the action came from; null when the run has no such finding
 *                  (an approved plan's action whose share no longer violates that policy)
 * @param reason    why a SKIPPED action was not sent; null otherwise
 * @param requestId the server's request id of an APPLIED call; null when it was settled by reading the share again
 * @param error     why a FAILED action failed
 * @param updatedAt  when the action last changed status
 * @param ownerEmail the owner's email as the run's members list has it, for the actions listed on the page (their
 *                   Owner cell shows what the findings table's does); null for an owner no member matched, without
 *                   owner enrichment, and in the actions streamed to remediation.csv and report.json (the id is theirs)
 */
record ReportedAction(String shareUid, String assetType, String assetName, String ownerId, String policyId,
        String fromScope, String toScope, String note, ActionStatus status, SkipReason reason, String requestId,
        String error, Instant updatedAt, String ownerEmail) {
}
