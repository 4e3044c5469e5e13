package dev.dspm.scanner.remediation;

/** A guardrail that kept every action of a run from being applied. */
public enum HeldBack {
    /** A partition of the scan was incomplete or failed: never act on an inventory cut short. */
    INCOMPLETE_SCAN,
    /** More actions than dspm.remediation.max-actions. */
    TOO_MANY_ACTIONS,
    /** The snapshot is older than dspm.remediation.max-snapshot-age. */
    SNAPSHOT_TOO_OLD,
    /** The API refused an update with permission_denied: the rest were not sent. */
    PERMISSION_DENIED
}
