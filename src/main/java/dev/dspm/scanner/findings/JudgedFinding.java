package dev.dspm.scanner.findings;

import dev.dspm.scanner.policy.Finding;

/**
 * A finding of this run as judged: EXCEPTED or NEW, and the waiver that matched it, active or expired. It is written
 * first seen tonight; {@link SeenFindings} carries first seen forward for those the previous run had open.
 */
record JudgedFinding(Finding finding, FindingStatus status, String waiverKey, Boolean waiverActive) {
}
