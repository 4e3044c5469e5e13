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

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job shareScan;
    private final ScanSettings settings;
    private final ApiSettings api;
    private final ScanSummary summary;
    private final Clock clock;

    ScanCommand(JobOperator jobOperator, JobRepository jobRepository, Job shareScan, ScanSettings settings, ApiSettings api,
            ScanSummary summary, Clock clock) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.shareScan = shareScan;
        this.settings = settings;
        this.api = api;
        this.summary = summary;
        this.clock = clock;
    }

    public int run() throws Exception {
        String tenant = api.baseUrl().toString();
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
        if (settings.resumeWithin().isZero()) {
            return Optional.empty();
        }
        JobInstance last = jobRepository.getLastJobInstance(ScanJobConfiguration.JOB_NAME);
        if (last == null) {
            return Optional.empty();
        }
        JobExecution execution = jobRepository.getLastJobExecution(last);
        if (execution == null || !RESUMABLE.contains(execution.getStatus())) {
            return Optional.empty();
        }
        JobParameters parameters = execution.getJobParameters();
        LocalDateTime ended = execution.getEndTime() == null ? execution.getCreateTime() : execution.getEndTime();
        boolean recent = ended.isAfter(LocalDateTime.now(clock).minus(settings.resumeWithin()));
        boolean same = tenant.equals(parameters.getString("tenant")) && scope.equals(parameters.getString("scope"));
        return recent && same ? Optional.of(execution) : Optional.empty();
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
