package dev.dspm.scanner.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.manus.ManusClient;
import dev.dspm.scanner.metrics.Pushgateway.Method;
import dev.dspm.scanner.metrics.StoredCounts.Counts;
import dev.dspm.scanner.report.AtomicFile;
import dev.dspm.scanner.report.ReportSettings;

/**
 * Publishes an ended run's meters: always into {@code <report dir>/<run-id>/metrics.prom} (text exposition format), and
 * to the Pushgateway when one is configured. A completed run replaces its group there (PUT); any other ending replaces
 * only the families it carries (POST), so that {@code dspm_last_success_timestamp_seconds} keeps the last completed
 * run's time for the alert that fires when it grows old. Monitoring never changes how the run ended: a failure to
 * publish is logged, not thrown.
 */
@Component
public class RunMetrics {

    static final String FILE = "metrics.prom";
    private static final Logger log = LoggerFactory.getLogger(RunMetrics.class);

    private final PushgatewaySettings pushgateway;
    private final ReportSettings reports;
    private final StoredCounts stored;
    private final ManusClient client;
    private final Clock clock;

    RunMetrics(PushgatewaySettings pushgateway, ReportSettings reports, StoredCounts stored, ManusClient client, Clock clock) {
        this.pushgateway = pushgateway;
        this.reports = reports;
        this.stored = stored;
        this.client = client;
        this.clock = clock;
    }

    public void publish(EndedRun run) {
        try {
            publish(run, run.execution() == null ? null : run.execution().getJobInstance().getInstanceId());
        } catch (RuntimeException e) {
            log.warn("could not publish the run's metrics", e);
        }
    }

    private void publish(EndedRun run, Long runId) {
        String body = RunMeters.of(run, counts(runId), client.tally(), clock.instant()).scrape();
        if (runId != null) {
            Path file = reports.report().dir().resolve(Long.toString(runId)).resolve(FILE);
            try {
                Files.createDirectories(file.getParent());
                try (AtomicFile out = AtomicFile.create(file)) {
                    out.out().write(body.getBytes(StandardCharsets.UTF_8));
                    out.commit();
                }
            } catch (IOException e) {
                log.warn("could not write {}: {}", file, e.toString());
            }
        }
        if (pushgateway.enabled()) {
            Method method = run.succeeded() ? Method.PUT : Method.POST;
            try {
                new Pushgateway(pushgateway).push(method, run.tenant(), body);
                log.info("metrics pushed to the Pushgateway at {} ({} of job {}, tenant {})", pushgateway.address(), method,
                        pushgateway.job(), run.tenant());
            } catch (IOException e) {
                log.warn("could not push the run's metrics to the Pushgateway at {}: {}", pushgateway.address(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("the push of the run's metrics to the Pushgateway at {} was interrupted", pushgateway.address());
            }
        }
    }

    /** Null for no run, or when the database cannot answer (a run that failed because it went away still pushes). */
    private Counts counts(Long runId) {
        if (runId == null) {
            return null;
        }
        try {
            return stored.of(runId);
        } catch (DataAccessException e) {
            log.debug("no stored counts for run {}", runId, e);
            return null;
        }
    }
}
