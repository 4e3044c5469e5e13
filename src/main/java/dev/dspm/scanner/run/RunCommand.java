package dev.dspm.scanner.run;

import java.time.Clock;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.config.JdbcUrls;
import dev.dspm.scanner.logging.ConsoleOutput;
import dev.dspm.scanner.manus.ApiSettings;
import dev.dspm.scanner.report.ReportFolder;

/**
 * Runs one job for the tenant, the one way for every {@link Launch} (a scan, a re-judge): checks what needs no lock,
 * takes the tenant's lock, turns SIGTERM into a clean stop, launches, prints the summary, decides the outcome
 * ({@link CompletedRun} for a job that completed), releases the lock, publishes {@link RunEnded}, and prints the
 * run's last line.
 */
@Component
public class RunCommand {

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    private final RunSettings settings;
    private final ApiSettings api;
    private final RunLock runLock;
    private final RunStop stop;
    private final RunSummary summary;
    private final CompletedRun completed;
    private final RunCounter counter;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ScanLaunch scan;
    private final RejudgeLaunch rejudge;
    private final ReportFolder reportFolder;
    private final String databaseUrl;

    RunCommand(RunSettings settings, ApiSettings api, RunLock runLock, RunStop stop, RunSummary summary,
            CompletedRun completed, RunCounter counter, ApplicationEventPublisher events,
            Clock clock, ScanLaunch scan, RejudgeLaunch rejudge, ReportFolder reportFolder,
            @Value("${" + JdbcUrls.SETTING + ":}") String databaseUrl) {
        this.settings = settings;
        this.api = api;
        this.runLock = runLock;
        this.stop = stop;
        this.summary = summary;
        this.completed = completed;
        this.counter = counter;
        this.events = events;
        this.clock = clock;
        this.scan = scan;
        this.rejudge = rejudge;
        this.reportFolder = reportFolder;
        this.databaseUrl = databaseUrl;
    }

    /** The nightly scan, new or resumed. */
    public RunOutcome scan() throws Exception {
        return run(scan);
    }

    /** {@code --rejudge[=<run-id>]}. */
    public RunOutcome rejudge() throws Exception {
        return run(rejudge);
    }

    RunOutcome run(Launch launch) throws Exception {
        Tenant tenant = Tenant.of(settings.tenant(), api.baseUrl());
        launch.check(tenant, clock.instant());
        reportFolder.claim();
        // Until the run says otherwise: a database that fails under the lock is a failed run, and its listeners say so.
        RunEnd end = new RunEnd(RunOutcome.FAILED, null);
        Optional<JobExecution> execution = Optional.empty();
        try (HeldRunLock lock = runLock.acquire(tenant.name(), stop::lockLost);
                StopSignals signals = StopSignals.install(stop)) {
            Launch.Launched launched = launch.launch(tenant);
            execution = Optional.ofNullable(launched.execution());
            end = launched.ended() != null ? launched.ended() : ended(launch, launched.execution());
        } catch (RunInProgressException e) {
            end = new RunEnd(RunOutcome.LOCKED, e.getMessage());
        } finally {
            stop.ended();
            // The lock is released by now: a slow listener never holds up the tenant's next run.
            publish(tenant, launch, end, execution);
        }
        // Printed once the lock is released, so that it is the run's last line whatever the lock said.
        if (end.line() != null) {
            ConsoleOutput.printError(log, end.outcome().level(), "dspm-scanner: " + end.line());
        }
        return end.outcome();
    }

    private RunEnd ended(Launch launch, JobExecution execution) {
        long runId = launch.runId(execution);
        try {
            summary.print(launch.command(), runId, execution);
        } catch (DataAccessException e) {
            // A run stopped because its database went away has no table left to print.
            log.debug("no summary for run {}", runId, e);
        }
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            return completed.end(launch.command(), runId);
        }
        execution.getAllFailureExceptions().forEach(failure -> log.debug("run {} failed", runId, failure));
        if (stop.reason().isPresent()) {
            return new RunEnd(RunOutcome.STOPPED, launch.stopped(runId, stop.reason().get()), runId);
        }
        return FailureCause.configuration(execution.getAllFailureExceptions())
                .map(problem -> new RunEnd(RunOutcome.BAD_CONFIGURATION, problem, runId))
                .orElseGet(() -> new RunEnd(RunOutcome.FAILED, "run " + runId + " failed: "
                        + FailureCause.describe(execution.getAllFailureExceptions(), databaseUrl), runId));
    }

    private void publish(Tenant tenant, Launch launch, RunEnd end, Optional<JobExecution> execution) {
        Optional<Long> runId = Optional.ofNullable(end.runId())
                .or(() -> execution.map(launch::runId));
        try {
            RunCounts counts = runId.map(this::counts).orElse(RunCounts.NONE);
            events.publishEvent(new RunEnded(tenant.name(), launch.command(), runId, end.outcome(), execution, counts,
                    Optional.ofNullable(end.line())));
        } catch (RuntimeException e) {
            log.warn("a listener of the run's end failed; the run's outcome stands", e);
        }
    }

    /** What the run holds, or nothing when the database cannot say (a run that failed because it went away). */
    private RunCounts counts(long runId) {
        try {
            return counter.of(runId);
        } catch (DataAccessException e) {
            log.debug("no stored counts for run {}", runId, e);
            return RunCounts.NONE;
        }
    }
}
