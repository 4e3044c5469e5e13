package dev.dspm.scanner.report;

import java.time.Instant;
import java.util.List;

/**
 * What every file of a report starts from: the run's overview and its remediation's, read in a few grouped queries
 * before the pass.
 *
 * @param policies the policies the run was judged by, in id order
 */
record ReportInput(ReportOverview overview, RemediationOverview remediation, Instant generatedAt,
        List<ReportedPolicy> policies) {

    ReportInput {
        policies = List.copyOf(policies);
    }
}
