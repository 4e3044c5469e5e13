package dev.dspm.scanner.report;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.remediation.ActionStatus;
import dev.dspm.scanner.remediation.RemediationSettings.Mode;

/**
 * The end-of-run summary's last lines: what changed since the previous run, what remediation did or would do (and
 * what held it back), and where the report is.
 */
@Component
public class ReportSummary {

    private final JdbcClient jdbc;
    private final RemediationRows remediations;

    ReportSummary(JdbcClient jdbc, RemediationRows remediations) {
        this.jdbc = jdbc;
        this.remediations = remediations;
    }

    /** Prints nothing for a run that wrote no report (it failed or stopped before). */
    public void print(long runId, JobExecution execution, PrintStream out) {
        ExecutionContext context = execution.getExecutionContext();
        if (!context.containsKey(ReportConfiguration.HTML_PATH)) {
            return;
        }
        long[] counts = jdbc.sql("SELECT SUM(CASE WHEN status = 'NEW' THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN status = 'RESOLVED' THEN 1 ELSE 0 END) FROM finding WHERE run_id = ?").param(runId)
                .query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).single();
        if (context.containsKey(ReportConfiguration.PREVIOUS_RUN)) {
            long widened = context.getLong(ReportConfiguration.WIDENED);
            out.printf("%nsince run %d: %,d new, %,d resolved, %,d share%s widened%n",
                    context.getLong(ReportConfiguration.PREVIOUS_RUN), counts[0], counts[1], widened, widened == 1 ? "" : "s");
        } else {
            out.printf("%n%,d new findings (the first judged run of this tenant)%n", counts[0]);
        }
        remediation(remediations.overview(runId, 0), out);
        out.println("report: " + context.getString(ReportConfiguration.HTML_PATH));
    }

    /** E.g. {@code remediation (plan): 37 planned, 0 applied, 12 skipped (8 waived, 4 grace period)}; nothing when off. */
    static void remediation(RemediationOverview remediation, PrintStream out) {
        if (remediation.mode() == Mode.OFF) {
            return;
        }
        StringBuilder line = new StringBuilder("remediation (").append(remediation.mode().name().toLowerCase(Locale.ROOT));
        if (remediation.approvedPlan() != null) {
            line.append(", the approved plan of run ").append(remediation.approvedPlan());
        }
        line.append(String.format("): %,d planned, %,d applied", remediation.count(ActionStatus.PLANNED),
                remediation.count(ActionStatus.APPLIED)));
        for (ActionStatus rare : List.of(ActionStatus.FAILED, ActionStatus.IN_FLIGHT)) {
            if (remediation.count(rare) > 0) {
                line.append(String.format(", %,d %s", remediation.count(rare), rare.name().toLowerCase(Locale.ROOT).replace('_', ' ')));
            }
        }
        line.append(String.format(", %,d skipped", remediation.count(ActionStatus.SKIPPED)));
        StringJoiner reasons = new StringJoiner(", ", " (", ")").setEmptyValue("");
        remediation.skipped().forEach((reason, count) -> {
            if (count > 0) {
                reasons.add(String.format("%,d %s", count, RemediationOverview.label(reason)));
            }
        });
        out.println(line.append(reasons));
        if (remediation.heldBack() != null) {
            out.println((remediation.mode() == Mode.PLAN ? "an apply of this plan would be held back: " : "remediation held back: ")
                    + remediation.detail());
        }
    }
}
