package dev.dspm.scanner.scan;

import java.time.Clock;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/** Starts and stops the progress lines, and marks a run that did not complete STOPPED or FAILED. */
class ScanJobListener implements JobExecutionListener {

    private final ScanProgress progress;
    private final ScanRuns runs;
    private final RunStop stop;
    private final Clock clock;

    ScanJobListener(ScanProgress progress, ScanRuns runs, RunStop stop, Clock clock) {
        this.progress = progress;
        this.runs = runs;
        this.stop = stop;
        this.clock = clock;
    }

    @Override
    public void beforeJob(JobExecution jobExecution) {
        progress.start(jobExecution.getJobInstance().getInstanceId());
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        progress.stop();
        if (jobExecution.getStatus() != BatchStatus.COMPLETED) {
            runs.end(jobExecution.getJobInstance().getInstanceId(), stop.reason().isPresent() ? "STOPPED" : "FAILED",
                    clock.instant());
        }
    }
}
