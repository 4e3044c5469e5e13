package dev.dspm.scanner.remediation;

import dev.dspm.scanner.snapshot.RunTables;

/**
 * How a plan made from an earlier run's actions (an approved plan, a revert) finds each share in tonight's snapshot:
 * a share must have been read tonight to be acted on.
 */
final class TonightsShare {

    private TonightsShare() {
    }

    /** A left join of tonight's snapshot as {@code s}, on the action {@code a}'s share. */
    static String join(long runId) {
        return "LEFT JOIN " + RunTables.name(runId) + " s ON s.run_id = " + runId + " AND s.uid = a.share_uid ";
    }

    /**
     * A left join of tonight's finding of the action {@code a}'s share and policy as {@code f}, seen tonight or carried
     * forward: its name is the one the action is reported with.
     */
    static String finding(long runId) {
        return "LEFT JOIN finding f ON f.run_id = " + runId + " AND f.share_uid = a.share_uid AND f.policy_id = a.policy_id ";
    }

    /** Why a share tonight's snapshot does not hold is left alone: a filtered scan did not look for it, or it is gone. */
    static SkipReason missing(boolean filtered) {
        return filtered ? SkipReason.NOT_SCANNED : SkipReason.SHARE_GONE;
    }
}
