package dev.dspm.scanner.run;

import java.time.Instant;

import org.springframework.batch.core.job.JobExecution;

/**
 * What a {@link RunCommand} launches: the nightly scan ({@link ScanLaunch}) or the re-judge of a stored snapshot
 * ({@link RejudgeLaunch}). The command does the rest the one way for both: the lock, the stop signals, the summary,
 * the outcome and the exit code, the last line, and {@link RunEnded}.
 */
interface Launch {

    RunEnded.Command command();

    /** Before the lock, with the database but no request: refuses a bad named run or waiver with exit 2. */
    void check(Tenant tenant, Instant now);

    /** Under the lock: starts or resumes the job, or ends the run before any (a refused key, a stop). */
    Launched launch(Tenant tenant) throws Exception;

    /** The run a job execution of this launch worked on. */
    long runId(JobExecution execution);

    /** The line of a run that stopped, saying how it is finished. */
    String stopped(long runId, String reason);

    /** What a launch came to: a job that ran (however it ended), or a run that ended before any job. */
    record Launched(JobExecution execution, RunEnd ended) {

        static Launched ran(JobExecution execution) {
            return new Launched(execution, null);
        }

        static Launched endedBeforeTheJob(RunEnd ended) {
            return new Launched(null, ended);
        }
    }
}
