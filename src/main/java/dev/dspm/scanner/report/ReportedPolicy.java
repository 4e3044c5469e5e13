package dev.dspm.scanner.report;

import dev.dspm.scanner.policy.Severity;

/**
 * One policy of the pack a run was judged by, as run_policy kept it that night: the rules of report.sarif, and the
 * rationale the OCSF events carry. Any text may come from a policy file: hostile.
 *
 * @param recommendedScope the scope the policy recommends (OWNER, TEAM_ONLY), or null
 * @param inPack           false for a policy removed from the pack since an earlier run, kept for its resolved findings
 */
record ReportedPolicy(String id, String title, Severity severity, String recommendedScope, boolean autoRemediate,
        String rationale, boolean inPack) {
}
