package dev.dspm.scanner.run;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.logging.ConsoleOutput;
import dev.dspm.scanner.manus.ManusClient;

/**
 * Stops the run in progress, for SIGTERM (what Kubernetes and cron timeouts send) or a lost run lock:
 * every API call is aborted at once, so no further request is sent; the step running is interrupted at its next
 * chunk (Spring Batch's own terminate-only flag) and no later step starts; the chunk in flight fails and rolls
 * back; the job ends, the run is marked STOPPED and the lock released, and the next start resumes it. As the
 * listener of every job it knows the job running; a stop asked for before the job starts interrupts it at once.
 * Should the job not end within {@link #GRACE} (a thread blocked on a database that stopped answering),
 * the process exits anyway, well inside Kubernetes' 30 s grace period.
 */
@Component
class RunStop implements JobExecutionListener {

    static final Duration GRACE = Duration.ofSeconds(15);
    private static final Logger log = LoggerFactory.getLogger(RunStop.class);

    private final ManusClient client;
    private final DataSource dataSource;
    private final AtomicReference<String> reason = new AtomicReference<>();
    private volatile boolean ended;
    private volatile JobExecution running;

    RunStop(ManusClient client, DataSource dataSource) {
        this.client = client;
        this.dataSource = dataSource;
    }

    /**
     * The run lock is gone: another process took it (it may be resuming this very run), or the database
     * stopped answering. Nothing more may be written, and a thread blocked on a hung database is freed
     * only by closing the pool under it.
     */
    void lockLost(String why) {
        request(why);
        if (dataSource instanceof Closeable pool) {
            try {
                pool.close();
            } catch (IOException | RuntimeException e) {
                log.debug("closing the connection pool after the lock was lost", e);
            }
        }
    }

    void request(String why) {
        if (!reason.compareAndSet(null, why)) {
            return;
        }
        log.warn("stopping: {}", why);
        client.abort(why);
        JobExecution job = running;
        if (job != null) {
            interrupt(job);
        }
        Thread watchdog = new Thread(this::exitIfStuck, "run-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    Optional<String> reason() {
        return Optional.ofNullable(reason.get());
    }

    @Override
    public void beforeJob(JobExecution jobExecution) {
        running = jobExecution;
        if (reason.get() != null) {
            interrupt(jobExecution);
        }
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        running = null;
    }

    /** No step starts after this, and the steps running stop at their next chunk, each rolled back whole. */
    private static void interrupt(JobExecution job) {
        job.setStatus(BatchStatus.STOPPING);
        job.getStepExecutions().stream().filter(step -> step.getStatus().isRunning()).forEach(StepExecution::setTerminateOnly);
    }

    /** The job has returned; the watchdog stands down. */
    void ended() {
        ended = true;
    }

    private void exitIfStuck() {
        try {
            Thread.sleep(GRACE.toMillis());
        } catch (InterruptedException e) {
            return;
        }
        if (!ended) {
            ConsoleOutput.printError(log, Level.ERROR, "dspm-scanner: the run did not stop within " + GRACE.toSeconds()
                    + " s after '" + reason.get() + "'; exiting now, the next start recovers it");
            Runtime.getRuntime().halt(1);
        }
    }
}
