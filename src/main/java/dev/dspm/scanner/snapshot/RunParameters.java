package dev.dspm.scanner.snapshot;

import java.time.Instant;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

/**
 * The job parameters of a run, and the one way to know which run a step works on: the run is the Spring Batch job
 * instance (so a restart keeps its run id), unless the job re-judges an earlier run, which it names.
 */
public final class RunParameters {

    /** The tenant the run belongs to. */
    public static final String TENANT = "tenant";
    /** A digest of what the run scans; a run is resumed only for the same scope. */
    public static final String SCOPE = "scope";
    /** A salted digest of the read key; a run is resumed only with the same key. */
    public static final String KEY = "key";
    /** When the run was launched: makes every launch a new job instance. */
    public static final String LAUNCHED = "launched";
    /** The pinned end of the listing (RFC 3339), when the run pins it. */
    public static final String END_TIME = "endTime";
    /** The earlier run a re-judge judges again. */
    public static final String JUDGED_RUN = "judgedRun";

    private RunParameters() {
    }

    /** The run a step works on: the one a re-judge names, else its own job's. */
    public static long runId(StepExecution stepExecution) {
        Long judged = stepExecution.getJobParameters().getLong(JUDGED_RUN);
        return judged != null ? judged : stepExecution.getJobExecution().getJobInstance().getInstanceId();
    }

    public static Instant endTime(JobParameters parameters) {
        String value = parameters.getString(END_TIME);
        return value == null ? null : Instant.parse(value);
    }
}
