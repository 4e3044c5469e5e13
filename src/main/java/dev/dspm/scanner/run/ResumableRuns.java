package dev.dspm.scanner.run;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.scan.ScanSettings;
import dev.dspm.scanner.snapshot.RunParameters;
import dev.dspm.scanner.snapshot.Runs;

/**
 * The run the next start resumes, if any: the tenant's newest run, when it failed or stopped within
 * {@code dspm.scan.resume-within}, scanning the same scope with the same key. A Kubernetes Job that
 * retries its pod then finishes the scan instead of starting over; a run of another team, another scope
 * or another key is never continued, since its rows would mix into this snapshot.
 */
@Component
class ResumableRuns {

    private static final Logger log = LoggerFactory.getLogger(ResumableRuns.class);
    private static final Set<BatchStatus> RESUMABLE = Set.of(BatchStatus.FAILED, BatchStatus.STOPPED);

    private final Runs runs;
    private final JobRepository jobRepository;
    private final JobOperator jobOperator;
    private final ScanSettings settings;
    private final Clock clock;

    ResumableRuns(Runs runs, JobRepository jobRepository, JobOperator jobOperator, ScanSettings settings,
            Clock clock) {
        this.runs = runs;
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
        this.settings = settings;
        this.clock = clock;
    }

    /** Call with the tenant's lock held: a run still marked running then belongs to a dead process. */
    Optional<JobExecution> find(Tenant tenant, String scope, String key) throws Exception {
        Long newest = runs.newest(tenant.name()).orElse(null);
        JobInstance instance = newest == null ? null : jobRepository.getJobInstance(newest);
        JobExecution execution = instance == null ? null : jobRepository.getLastJobExecution(instance);
        if (execution == null) {
            return Optional.empty();
        }
        if (execution.isRunning()) {
            log.warn("run {} was left running by a process that died; marking it failed so it can be resumed", newest);
            execution = jobOperator.recover(execution);
        }
        if (settings.resumeWithin().isZero() || !RESUMABLE.contains(execution.getStatus())) {
            return Optional.empty();
        }
        LocalDateTime ended = execution.getEndTime() == null ? execution.getCreateTime() : execution.getEndTime();
        if (!ended.isAfter(LocalDateTime.now(clock).minus(settings.resumeWithin()))) {
            log.info("run {} ended {} at {}, longer ago than dspm.scan.resume-within={}; starting a new run", newest,
                    execution.getStatus(), ended, settings.resumeWithin());
            return Optional.empty();
        }
        if (!scope.equals(execution.getJobParameters().getString(RunParameters.SCOPE))) {
            log.info("run {} ended {} but scanned another scope; starting a new run", newest, execution.getStatus());
            return Optional.empty();
        }
        if (!key.equals(execution.getJobParameters().getString(RunParameters.KEY))) {
            log.warn("run {} of {} was started with another key; starting a new run (several teams behind one URL "
                    + "need a dspm.tenant each)", newest, tenant.name());
            return Optional.empty();
        }
        log.info("resuming run {} (it ended {} at {}); set dspm.scan.resume-within=PT0S to start afresh instead", newest,
                execution.getStatus(), ended);
        return Optional.of(execution);
    }
}
