package dev.dspm.scanner.report;

import java.util.List;

/**
 * What changed since the previous run, what a reviewer reads first: each list holds at most a page's worth
 * (worst first), its count says how many there are in all.
 */
record Changes(List<ReportedFinding> newFindings, long newCount, List<ReportedFinding> resolved, long resolvedCount,
        List<WidenedShare> widened, long widenedCount) {

    /** A share whose effective scope is wider than in the previous run's snapshot, e.g. TEAM_ONLY to PUBLIC. */
    record WidenedShare(String shareUid, String assetType, String assetName, String ownerId, String before,
            String after) {
    }
}
