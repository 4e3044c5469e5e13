package dev.dspm.scanner.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.dspm.scanner.findings.FailedRule;
import dev.dspm.scanner.policy.Severity;
import dev.dspm.scanner.snapshot.ScanScope;
import dev.dspm.scanner.snapshot.TypeTotal;

/**
 * Everything a report says about a run apart from its findings one by one: what was scanned, the counts, the
 * waivers and the history. Read from the database in a few grouped queries, so it is small whatever the run's size.
 *
 * @param run        the run itself
 * @param types      shares stored per asset type, against the API's total, and whether the type was complete
 * @param bySeverity finding counts per severity and status, every severity present
 * @param byPolicy   finding counts per policy, worst severity first, then most open findings
 * @param waivers    the waivers of exceptions.yaml as this run applied them
 * @param exposure   open (NEW or OPEN) findings per asset type and severity
 * @param history    open findings in every judged run of the tenant still in the database, oldest first
 * @param findings   the run's finding rows in all (the HTML table shows at most the configured number of them)
 * @param owners     what the run knew of the owners, and those with the most open findings
 * @param choices    every value the findings table's filters offer, counted over the whole run
 * @param failedRules the rules that failed on some shares tonight: those shares were not judged
 */
record ReportOverview(RunFacts run, List<TypeTotal> types, Map<Severity, StatusCounts> bySeverity,
        List<PolicyCount> byPolicy, List<ReportedWaiver> waivers, List<Exposure> exposure, List<RunPoint> history,
        long findings, OwnerOverview owners, FilterChoices choices, List<FailedRule> failedRules) {

    /** NEW findings: violated tonight and not the night before. */
    long fresh() {
        return bySeverity.values().stream().mapToLong(StatusCounts::fresh).sum();
    }

    /** RESOLVED findings: violated the night before, and fixed or gone tonight. */
    long resolved() {
        return bySeverity.values().stream().mapToLong(StatusCounts::resolved).sum();
    }

    /**
     * @param previousRun the run this one's NEW, OPEN and RESOLVED are counted against, if any
     * @param scope       what the run listed: the whole tenant, or the part its filters name
     */
    record RunFacts(long id, String tenant, Instant startedAt, Instant endTime, Instant judgedAt, boolean complete,
            String readKeyType, ScanScope scope, Optional<Long> previousRun) {
    }

    record StatusCounts(long fresh, long open, long excepted, long resolved) {

        /** NEW and OPEN: what still needs someone's attention. */
        long unresolved() {
            return fresh + open;
        }
    }

    record PolicyCount(String policyId, String title, Severity severity, StatusCounts counts) {
    }

    /** {@code matched}: findings this waiver covered in this run; an active waiver that matched none is unused. */
    record ReportedWaiver(String key, String matchKind, String matchValue, String policyId, String justification,
            String approvedBy, LocalDate expires, boolean active, long matched) {
    }

    record Exposure(String assetType, Severity severity, long open) {
    }

    record RunPoint(long runId, Instant startedAt, long open) {
    }
}
