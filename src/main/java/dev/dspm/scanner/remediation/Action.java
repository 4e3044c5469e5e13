package dev.dspm.scanner.remediation;

/**
 * One row of {@code remediation_action}. Scopes are the stored names: OWNER, TEAM_ONLY, PUBLIC (or UNKNOWN).
 *
 * @param assetName the share's name in this run's finding of the share and policy, for the reports; null when the run
 *                  has none (an approved plan's action whose share no longer violates that policy)
 */
record Action(String shareUid, String policyId, String assetType, String assetName, String ownerId, String fromScope,
        String toScope, String note, ActionStatus status, SkipReason reason) {

    Action skipped(SkipReason why) {
        return new Action(shareUid, policyId, assetType, assetName, ownerId, fromScope, toScope, note, ActionStatus.SKIPPED, why);
    }
}
