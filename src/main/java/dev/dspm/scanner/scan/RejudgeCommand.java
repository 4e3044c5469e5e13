package dev.dspm.scanner.scan;

import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.ConfigurationException;
import dev.dspm.scanner.manus.ApiSettings;
import dev.dspm.scanner.policy.FindingSummary;
import dev.dspm.scanner.policy.PolicyFolder;
import dev.dspm.scanner.policy.WaiverRecords;
import dev.dspm.scanner.report.FailOnGate;
import dev.dspm.scanner.report.ReportSummary;

/**
 * {@code --rejudge} (the tenant's newest complete snapshot) or {@code --rejudge=<run-id>}: judges a stored
 * snapshot again with the current policies and rewrites that run's findings, sending no request and reading
 * no key, so that a security engineer editing a rule sees its effect in seconds. It holds the tenant's lock
 * like a scan, since both write the tenant's findings. Later runs' findings are left as they were.
 */
@Component
public class RejudgeCommand {

    public static final String FLAG = "--rejudge";
    /** The property Spring makes of the flag, as the settings check sees it before any bean exists. */
    public static final String PROPERTY = "rejudge";
    /** Job parameter naming the run the evaluation steps judge; without it they judge their own job's run. */
    public static final String JUDGED_RUN = "judgedRun";

    private final JobOperator jobOperator;
    private final Job rejudge;
    private final ScanSettings settings;
    private final ApiSettings api;
    private final RunLock runLock;
    private final RunStop stop;
    private final JdbcClient jdbc;
    private final FindingSummary summary;
    private final PolicyFolder policies;
    private final WaiverRecords waivers;
    private final ReportSummary report;
    private final FailOnGate failOn;
    private final Clock clock;

    RejudgeCommand(JobOperator jobOperator, @Qualifier("rejudge") Job rejudge, ScanSettings settings, ApiSettings api,
            RunLock runLock, RunStop stop, JdbcClient jdbc, FindingSummary summary, PolicyFolder policies,
            WaiverRecords waivers, ReportSummary report, FailOnGate failOn, Clock clock) {
        this.report = report;
        this.failOn = failOn;
        this.clock = clock;
        this.policies = policies;
        this.waivers = waivers;
        this.jobOperator = jobOperator;
        this.rejudge = rejudge;
        this.settings = settings;
        this.api = api;
        this.runLock = runLock;
        this.stop = stop;
        this.jdbc = jdbc;
        this.summary = summary;
    }

    public static boolean requested(String[] args) {
        return Arrays.stream(args).anyMatch(arg -> arg.equals(FLAG) || arg.startsWith(FLAG + "="));
    }

    /** The run named by {@code --rejudge=<run-id>}, or empty for the newest complete one. */
    public static Optional<Long> namedRun(String[] args) {
        return Arrays.stream(args).filter(arg -> arg.startsWith(FLAG + "=")).findFirst()
                .map(arg -> arg.substring(FLAG.length() + 1).strip())
                .filter(value -> !value.isEmpty() && !value.equals("latest"))
                .map(value -> {
                    try {
                        return Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new ConfigurationException(FLAG + "=" + value + " must name a run id (a number), or be "
                                + FLAG + " alone for the newest complete snapshot");
                    }
                });
    }

    public RunOutcome run(Optional<Long> named) throws Exception {
        Tenant tenant = Tenant.of(settings.tenant(), api.baseUrl());
        long runId = named.map(id -> checked(id, tenant)).orElseGet(() -> newestComplete(tenant));
        waivers.refuseExpiredOnArrival(tenant.name(), clock.instant());
        try (HeldRunLock lock = runLock.acquire(tenant.name(), stop::lockLost)) {
            JobExecution execution = jobOperator.start(rejudge, new JobParametersBuilder()
                    .addLong(JUDGED_RUN, runId)
                    .addLong(ScanCommand.LAUNCHED, clock.millis())
                    .toJobParameters());
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                System.err.println("dspm-scanner: re-judging run " + runId + " failed: "
                        + FailureCause.describe(execution.getAllFailureExceptions()));
                return RunOutcome.FAILED;
            }
            System.out.printf("%nrun %d judged again by the policies in %s (no request sent)%n", runId, policies.dir().toAbsolutePath());
            summary.print(runId, System.out);
            report.print(runId, execution, System.out);
            Optional<String> breach = failOn.breach(runId);
            breach.ifPresent(line -> System.err.println("dspm-scanner: " + line));
            return breach.isPresent() ? RunOutcome.FINDINGS_AT_FAIL_ON : RunOutcome.COMPLETED;
        } catch (RunInProgressException e) {
            System.err.println("dspm-scanner: " + e.getMessage());
            return RunOutcome.LOCKED;
        } finally {
            stop.ended();
        }
    }

    private long checked(long runId, Tenant tenant) {
        Optional<String> owner = jdbc.sql("SELECT tenant FROM scan_run WHERE run_id = ? AND sealed_at IS NOT NULL")
                .param(runId).query(String.class).optional();
        if (owner.isEmpty()) {
            throw new ConfigurationException(FLAG + "=" + runId + ": no sealed snapshot has that run id; "
                    + "the stored runs are in scan_run");
        }
        if (!owner.get().equals(tenant.name())) {
            throw new ConfigurationException(FLAG + "=" + runId + ": that run belongs to another tenant; "
                    + "set dspm.tenant (or dspm.api.base-url) to the tenant it scanned");
        }
        if (!finished(runId)) {
            throw new ConfigurationException(FLAG + "=" + runId + ": that run has not finished; the next scan resumes "
                    + "it, judging where it stopped");
        }
        return runId;
    }

    /** A run whose job did not complete will be resumed, and its evaluation must carry on from where it stopped. */
    private boolean finished(long runId) {
        return jdbc.sql("SELECT status FROM batch_job_execution WHERE job_instance_id = ? ORDER BY job_execution_id DESC "
                + "FETCH FIRST 1 ROWS ONLY").param(runId).query(String.class).optional()
                .map(BatchStatus.COMPLETED.name()::equals).orElse(false);
    }

    private long newestComplete(Tenant tenant) {
        return jdbc.sql("SELECT run_id FROM scan_run WHERE tenant = ? AND sealed_at IS NOT NULL AND complete "
                + "ORDER BY run_id DESC").param(tenant.name()).query(Long.class).stream().filter(this::finished).findFirst()
                .orElseThrow(() -> new ConfigurationException(FLAG + ": no complete snapshot of " + tenant.name()
                        + " to judge; run a scan first, or name a run with " + FLAG + "=<run-id>"));
    }
}
