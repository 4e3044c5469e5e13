package dev.dspm.scanner.scan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.DspmScannerApplication;
import dev.dspm.scanner.manus.ApiSettings;

/**
 * Starts a run, or resumes the last one when it failed recently with the same tenant and scope:
 * a Kubernetes Job that retries its pod then finishes the scan instead of starting over.
 * Returns the process exit code.
 */
@Component
public class ScanCommand {

    private static final Logger log = LoggerFactory.getLogger(ScanCommand.class);
    private static final Set<BatchStatus> RESUMABLE = Set.of(BatchStatus.FAILED, BatchStatus.STOPPED);
    private static final int RECENT_RUNS = 50;

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job shareScan;
    private final ScanSettings settings;
    private final ApiSettings api;
    private final ScanSummary summary;
    private final RunLock runLock;
    private final Clock clock;

    ScanCommand(JobOperator jobOperator, JobRepository jobRepository, Job shareScan, ScanSettings settings, ApiSettings api,
            ScanSummary summary, RunLock runLock, Clock clock) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.shareScan = shareScan;
        this.settings = settings;
        this.api = api;
        this.summary = summary;
        this.runLock = runLock;
        this.clock = clock;
    }

    public int run() throws Exception {
        String tenant = api.baseUrl().toString();
        try (HeldRunLock lock = runLock.acquire(tenant, reason -> log.error("{}", reason))) {
            return run(tenant);
        } catch (RunInProgressException e) {
            System.err.println("dspm-scanner: " + e.getMessage());
            return DspmScannerApplication.EXIT_FAILED;
        }
    }

    private int run(String tenant) throws Exception {
        String scope = scopeFingerprint();
        Optional<JobExecution> resumable = resumable(tenant, scope);
        JobExecution execution;
        if (resumable.isPresent()) {
            log.info("resuming run {} (it ended {} at {}); set dspm.scan.resume-within=PT0S to start afresh instead",
                    resumable.get().getJobInstance().getInstanceId(), resumable.get().getStatus(),
                    resumable.get().getEndTime());
            execution = jobOperator.restart(resumable.get());
        } else {
            JobParameters parameters = new JobParametersBuilder()
                    .addString("tenant", tenant)
                    .addString("scope", scope)
                    .addLong("launched", clock.millis())
                    .toJobParameters();
            execution = jobOperator.start(shareScan, parameters);
        }
        summary.print(execution);
        return execution.getStatus() == BatchStatus.COMPLETED
                ? DspmScannerApplication.EXIT_COMPLETED
                : DspmScannerApplication.EXIT_FAILED;
    }

    private Optional<JobExecution> resumable(String tenant, String scope) {
        Optional<JobExecution> last = lastExecutionFor(tenant);
        if (last.isEmpty()) {
            return Optional.empty();
        }
        JobExecution execution = last.get();
        if (execution.isRunning()) {
            // We hold the tenant's lock, so whatever process ran this execution is gone (killed pod, OOM).
            log.warn("run {} was left running by a process that died; marking it failed so it can be resumed",
                    execution.getJobInstance().getInstanceId());
            execution = jobOperator.recover(execution);
        }
        if (settings.resumeWithin().isZero() || !RESUMABLE.contains(execution.getStatus())) {
            return Optional.empty();
        }
        LocalDateTime ended = execution.getEndTime() == null ? execution.getCreateTime() : execution.getEndTime();
        boolean recent = ended.isAfter(LocalDateTime.now(clock).minus(settings.resumeWithin()));
        boolean sameScope = scope.equals(execution.getJobParameters().getString("scope"));
        return recent && sameScope ? Optional.of(execution) : Optional.empty();
    }

    /** The newest execution of this tenant's newest run, among the last runs of every tenant. */
    private Optional<JobExecution> lastExecutionFor(String tenant) {
        for (JobInstance instance : jobRepository.getJobInstances(ScanJobConfiguration.JOB_NAME, 0, RECENT_RUNS)) {
            JobExecution execution = jobRepository.getLastJobExecution(instance);
            if (execution != null && tenant.equals(execution.getJobParameters().getString("tenant"))) {
                return Optional.of(execution);
            }
        }
        return Optional.empty();
    }

    /** A digest, not the values: owner lists are long and a job parameter holds 2,500 characters. */
    private String scopeFingerprint() {
        String scope = String.join("|", settings.assetTypes().toString(), settings.ownerIds().toString(),
                String.valueOf(settings.keyword()), String.valueOf(settings.sharedAfter()),
                String.valueOf(settings.sharedBefore()), String.valueOf(settings.pageSize()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(scope.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
