package dev.dspm.scanner.report;

import java.io.PrintStream;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The end-of-run summary's last lines: what changed since the previous run, and where the report is. */
@Component
public class ReportSummary {

    private final JdbcClient jdbc;

    ReportSummary(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
        out.println("report: " + context.getString(ReportConfiguration.HTML_PATH));
    }
}
