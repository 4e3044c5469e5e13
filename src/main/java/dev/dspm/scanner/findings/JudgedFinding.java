package dev.dspm.scanner.findings;

import java.time.Instant;

import dev.dspm.scanner.policy.Finding;

/**
 * A finding of this run with its place in the lifecycle: its status, when it was first seen (carried from
 * the previous run when it was open there), and the waiver that matched it, active or expired.
 */
record JudgedFinding(Finding finding, FindingStatus status, long firstSeenRun, Instant firstSeenAt, String waiverKey,
        Boolean waiverActive) {
}
