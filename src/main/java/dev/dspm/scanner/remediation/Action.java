package dev.dspm.scanner.remediation;

/** One row of {@code remediation_action}. Scopes are the stored names: OWNER, TEAM_ONLY, PUBLIC (or UNKNOWN). */
record Action(String shareUid, String policyId, String assetType, String ownerId, String fromScope, String toScope,
        String note, ActionStatus status, SkipReason reason) {

    Action skipped(SkipReason why) {
        return new Action(shareUid, policyId, assetType, ownerId, fromScope, toScope, note, ActionStatus.SKIPPED, why);
    }
}
