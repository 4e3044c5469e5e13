package dev.dspm.scanner.remediation;

/** Why a share with a finding a policy would tighten was left as it is. */
public enum SkipReason {
    /** Every such finding is covered by an active waiver (for an approved plan: its policy's finding is, tonight). */
    WAIVED,
    /** Its findings were first seen less than dspm.remediation.grace-period before the snapshot. */
    GRACE_PERIOD,
    /** Its policies do not allow automatic remediation (website publishes, by default). */
    NOT_AUTO_REMEDIATED,
    /** The shared asset no longer exists ({@code asset_exists: false}): the API cannot re-scope it. */
    STALE_SHARE,
    /** Its scope is a value this build does not know: no telling whether the change tightens it. */
    UNKNOWN_SCOPE,
    /** Already at or below the recommended scope. */
    ALREADY_TIGHT,
    /** Its scope now differs from the one the snapshot (or the reviewed plan) showed: someone changed it since. */
    CHANGED_SINCE_PLAN,
    /** No longer listed: deleted since the snapshot. */
    SHARE_GONE,
    /** An earlier action of the run was refused with permission_denied, so none more was sent. */
    PERMISSION_DENIED,
    /** An action of an approved plan that tonight's findings no longer call for: its policy's finding is gone. */
    RESOLVED,
    /** Not listed tonight because this run's scan was filtered (owners, types, keyword, window): nothing is known of it now. */
    NOT_SCANNED
}
