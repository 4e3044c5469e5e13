package dev.dspm.scanner.snapshot;

import java.util.Arrays;
import java.util.List;

/**
 * Every table that holds rows of one run, besides {@code scan_run} and the run's own snapshot table, declared once:
 * retention deletes a pruned run's rows from each, a re-judge forgets the rows of the judgement, and a test reads the
 * schema for every table with a {@code run_id} column and fails unless it is declared here.
 */
public enum RunRecords {

    FINDING("finding", Stage.JUDGEMENT),
    JUDGED_FINDING("judged_finding", Stage.JUDGEMENT),
    RUN_POLICY("run_policy", Stage.JUDGEMENT),
    RUN_WAIVER("run_waiver", Stage.JUDGEMENT),
    RULE_FAILURE("rule_failure", Stage.JUDGEMENT),
    RUN_OPEN_FINDINGS("run_open_findings", Stage.JUDGEMENT),
    REMEDIATION_ACTION("remediation_action", Stage.REMEDIATION),
    RUN_REMEDIATION("run_remediation", Stage.REMEDIATION),
    RUN_EXPORT("run_export", Stage.EXPORT),
    EXPORT_BATCH("export_batch", Stage.EXPORT),
    RUN_OWNER("run_owner", Stage.SCAN),
    RUN_OWNERS("run_owners", Stage.SCAN),
    SCAN_PARTITION("scan_partition", Stage.SCAN),
    NOTIFICATION("notification", Stage.NOTIFICATION);

    /** Which part of a run wrote the rows. */
    public enum Stage {
        /** The scan and what it read (its partitions, its members): kept while the run is. */
        SCAN,
        /** The evaluation: forgotten when the run is judged again. */
        JUDGEMENT,
        /** Remediation: re-planned when the run is judged again, unless it changed the tenant (then kept as its record). */
        REMEDIATION,
        /** What the run told people (notify's ledger): kept while the run is, so that nothing is told twice. */
        NOTIFICATION,
        /** What the run sent to a collector: kept while the run is (a re-judge sends nothing, and keeps the record). */
        EXPORT
    }

    private final String table;
    private final Stage stage;

    RunRecords(String table, Stage stage) {
        this.table = table;
        this.stage = stage;
    }

    public String table() {
        return table;
    }

    public static List<String> tables(Stage stage) {
        return Arrays.stream(values()).filter(records -> records.stage == stage).map(RunRecords::table).toList();
    }
}
