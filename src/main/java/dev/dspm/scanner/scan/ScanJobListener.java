package dev.dspm.scanner.scan;

import java.time.Clock;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/** Starts and stops the progress lines, and marks the run FAILED when the job did not complete. */
class ScanJobListener implements JobExecutionListener {

    private final ScanProgress progress;
    private final ScanRuns runs;
    private final Clock clock;

    ScanJobListener(ScanProgress progress, ScanRuns runs, Clock clock) {
        this.progress = progress;
        this.runs = runs;
        this.clock = clock;
    }

    @Override
    public void beforeJob(JobExecution jobExecution) {
        progress.start();
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        progress.stop();
        if (jobExecution.getStatus() != BatchStatus.COMPLETED) {
            runs.finish(jobExecution.getJobInstance().getInstanceId(), "FAILED", null, null, clock.instant());
        }
    }
}
