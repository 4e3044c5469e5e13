package dev.dspm.scanner.report;

import java.time.Instant;

/**
 * What every file of a report starts from: the run's overview and its remediation's, read in a few grouped queries
 * before the pass.
 *
 * @param widened how many shares widened since the previous run (each is handed to the files in the pass)
 */
record ReportInput(ReportOverview overview, RemediationOverview remediation, long widened, Instant generatedAt) {
}
