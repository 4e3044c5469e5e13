package dev.dspm.scanner.scan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.logging.ConsoleOutput;
import dev.dspm.scanner.manus.ApiKeys;
import dev.dspm.scanner.manus.ApiSettings;
import dev.dspm.scanner.metrics.EndedRun;
import dev.dspm.scanner.metrics.RunMetrics;
import dev.dspm.scanner.policy.WaiverRecords;
import dev.dspm.scanner.remediation.NamedRuns;
import dev.dspm.scanner.remediation.RemediationOutcome;
import dev.dspm.scanner.report.FailOnGate;

/**
 * Runs the scan once for the tenant: takes its lock, checks the key with one small request, starts a new
 * run or resumes the last one, and says how it ended. While the job runs, SIGTERM stops it cleanly.
 */
@Component
public class ScanCommand {

    static final String TENANT = "tenant";
    static final String SCOPE = "scope";
    static final String KEY = "key";
    static final String LAUNCHED = "launched";
    static final String END_TIME = "endTime";

    private static final Logger log = LoggerFactory.getLogger(ScanCommand.class);

    private final JobOperator jobOperator;
    private final Job shareScan;
    private final ScanSettings settings;
    private final ApiSettings api;
    private final ApiKeys keys;
    private final ResumableRuns resumableRuns;
    private final AccessCheck accessCheck;
    private final ScanSummary summary;
    private final RunLock runLock;
    private final RunStop stop;
    private final WaiverRecords waivers;
    private final FailOnGate failOn;
    private final NamedRuns namedRuns;
    private final RemediationOutcome remediation;
    private final RunMetrics metrics;
    private final Clock clock;

    ScanCommand(JobOperator jobOperator, Job shareScan, ScanSettings settings, ApiSettings api, ApiKeys keys,
            ResumableRuns resumableRuns, AccessCheck accessCheck, ScanSummary summary, RunLock runLock, RunStop stop,
            WaiverRecords waivers, FailOnGate failOn, NamedRuns namedRuns, RemediationOutcome remediation,
            RunMetrics metrics, Clock clock) {
        this.waivers = waivers;
        this.failOn = failOn;
        this.namedRuns = namedRuns;
        this.remediation = remediation;
        this.metrics = metrics;
        this.jobOperator = jobOperator;
        this.shareScan = shareScan;
        this.settings = settings;
        this.api = api;
        this.keys = keys;
        this.resumableRuns = resumableRuns;
        this.accessCheck = accessCheck;
        this.summary = summary;
        this.runLock = runLock;
        this.stop = stop;
        this.clock = clock;
    }

    public RunOutcome run() throws Exception {
        Tenant tenant = Tenant.of(settings.tenant(), api.baseUrl());
        waivers.refuseExpiredOnArrival(tenant.name(), clock.instant());
        namedRuns.check(tenant.name(), clock.instant());
        // Until the run says otherwise: a database that fails under the lock is a failed run, and its metrics say so.
        RunEnd end = new RunEnd(RunOutcome.FAILED, null);
        try (HeldRunLock lock = runLock.acquire(tenant.name(), stop::lockLost);
                StopSignals signals = StopSignals.install(stop)) {
            end = launch(tenant);
        } catch (RunInProgressException e) {
            end = new RunEnd(RunOutcome.LOCKED, e.getMessage());
        } finally {
            stop.ended();
            // The lock is released by now: a slow Pushgateway never holds up the tenant's next run.
            metrics.publish(new EndedRun(tenant.name(), end.outcome(), end.execution()));
        }
        // Printed once the lock is released, so that it is the run's last line whatever the lock said.
        if (end.line() != null) {
            ConsoleOutput.printError(log, end.outcome().level(), "dspm-scanner: " + end.line());
        }
        return end.outcome();
    }

    private RunEnd launch(Tenant tenant) throws Exception {
        String scope = scopeFingerprint();
        String key = keys.readKey().fingerprint();
        Optional<JobExecution> resumable = resumableRuns.find(tenant, scope, key);
        JobParameters parameters = resumable.map(JobExecution::getJobParameters)
                .orElseGet(() -> freshParameters(tenant, scope, key));
        Optional<RunEnd> refused = accessCheck.refusal(endTime(parameters));
        if (refused.isPresent()) {
            return refused.get();
        }
        JobExecution execution;
        try {
            execution = resumable.isPresent() ? jobOperator.restart(resumable.get()) : jobOperator.start(shareScan, parameters);
        } catch (RuntimeException e) {
            // A stop that closed the pool under the job (lost lock, gone database) leaves Spring Batch
            // unable to record the end: the stop is the cause to report, not the failed bookkeeping.
            if (stop.reason().isEmpty()) {
                throw e;
            }
            log.debug("the stopped run could not be recorded", e);
            return new RunEnd(RunOutcome.STOPPED, "the run stopped (" + stop.reason().get() + "); the next start resumes it");
        }
        return outcome(execution);
    }

    private RunEnd outcome(JobExecution execution) {
        long runId = execution.getJobInstance().getInstanceId();
        try {
            summary.print(execution);
        } catch (DataAccessException e) {
            // A run stopped because its database went away has no table left to print.
            log.debug("no summary for run {}", runId, e);
        }
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            return remediation.failures(runId).map(line -> new RunEnd(RunOutcome.FAILED, line, execution))
                    .or(() -> failOn.breach(runId).map(line -> new RunEnd(RunOutcome.FINDINGS_AT_FAIL_ON, line, execution)))
                    .orElse(new RunEnd(RunOutcome.COMPLETED, null, execution));
        }
        execution.getAllFailureExceptions().forEach(failure -> log.debug("run {} failed", runId, failure));
        if (stop.reason().isPresent()) {
            return new RunEnd(RunOutcome.STOPPED, "run " + runId + " stopped (" + stop.reason().get()
                    + "); the next start resumes it", execution);
        }
        return new RunEnd(RunOutcome.FAILED, "run " + runId + " failed: "
                + FailureCause.describe(execution.getAllFailureExceptions()), execution);
    }

    private JobParameters freshParameters(Tenant tenant, String scope, String key) {
        JobParametersBuilder builder = new JobParametersBuilder()
                .addString(TENANT, tenant.name())
                .addString(SCOPE, scope)
                .addString(KEY, key, false)
                .addLong(LAUNCHED, clock.millis());
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (settings.pinEndTime()) {
            Instant before = settings.sharedBefore();
            builder.addString(END_TIME, (before != null && before.isBefore(now) ? before : now).toString(), false);
        }
        return builder.toJobParameters();
    }

    /**
     * How the run ended, the one line that says so (none for a completed run: its summary says it), and its job
     * execution (none when the run never started).
     */
    record RunEnd(RunOutcome outcome, String line, JobExecution execution) {

        RunEnd(RunOutcome outcome, String line) {
            this(outcome, line, null);
        }
    }

    static Instant endTime(JobParameters parameters) {
        String value = parameters.getString(END_TIME);
        return value == null ? null : Instant.parse(value);
    }

    /** A digest, not the values: owner lists are long and a job parameter holds 2,500 characters. */
    private String scopeFingerprint() {
        String scope = String.join("|", settings.assetTypes().toString(), settings.ownerIds().toString(),
                String.valueOf(settings.keyword()), String.valueOf(settings.sharedAfter()),
                String.valueOf(settings.sharedBefore()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(scope.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
