package dev.dspm.scanner.report;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import dev.dspm.scanner.snapshot.RunParameters;
import dev.dspm.scanner.snapshot.SnapshotDatabase;

/**
 * The {@code report} step, after the findings: writes the run's three files. A failure fails the run (exit 1)
 * with latest/ left as it was, and the next start writes the report again.
 */
@Configuration(proxyBeanMethods = false)
public class ReportConfiguration {

    /** Where the step leaves what the end-of-run summary (and the notifications) tell, in the job's context. */
    public static final String HTML_PATH = "report.html";
    public static final String WIDENED = "report.widened";
    public static final String PREVIOUS_RUN = "report.previous-run";
    /** The summary's lines on the owners: counting them again after the report took ~7 s on H2 at a million shares. */
    static final String OWNERS = "report.owners";

    @Bean
    Step report(JobRepository jobRepository, PlatformTransactionManager transactionManager, RunReport report,
            SnapshotDatabase database, JdbcTemplate jdbc) {
        return new StepBuilder("report", jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    // the night's findings, remediation actions and members were written by the steps just before
                    database.refreshStatistics(jdbc, "finding", "remediation_action", "run_owner");
                    RunReport.Written written = report.write(RunParameters.runId(contribution.getStepExecution()));
                    var context = contribution.getStepExecution().getJobExecution().getExecutionContext();
                    context.putString(HTML_PATH, written.html().toAbsolutePath().normalize().toString());
                    context.putLong(WIDENED, written.widened());
                    written.previousRun().ifPresent(previous -> context.putLong(PREVIOUS_RUN, previous));
                    context.putString(OWNERS, ReportSummary.owners(written.owners()));
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }
}
