package dev.dspm.scanner.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.manus.ManusClient;
import dev.dspm.scanner.metrics.Pushgateway.Method;
import dev.dspm.scanner.notify.NotificationTally;
import dev.dspm.scanner.report.AtomicFile;
import dev.dspm.scanner.report.ReportSettings;
import dev.dspm.scanner.run.RunEnded;

/**
 * Publishes an ended run's meters: always into {@code <report dir>/<run-id>/metrics.prom} (text exposition format), and
 * to the Pushgateway when one is configured. A completed run replaces its group there (PUT); any other ending replaces
 * only the families it carries (POST), so that {@code dspm_last_success_timestamp_seconds} keeps the last completed
 * run's time for the alert that fires when it grows old. Monitoring never changes how the run ended: a failure to
 * publish is logged, not thrown. A nightly scan's end only: a re-judge at noon must not look like the night's outcome to
 * the alert on the last success, nor replace the night's figures.
 */
@Component
public class RunMetrics {

    static final String FILE = "metrics.prom";
    private static final Logger log = LoggerFactory.getLogger(RunMetrics.class);

    private final PushgatewaySettings pushgateway;
    private final ReportSettings reports;
    private final ManusClient client;
    private final NotificationTally notifications;
    private final Clock clock;

    RunMetrics(PushgatewaySettings pushgateway, ReportSettings reports, ManusClient client,
            NotificationTally notifications, Clock clock) {
        this.pushgateway = pushgateway;
        this.reports = reports;
        this.client = client;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** Last of the run's listeners: after the notifications, whose outcomes it counts. */
    @EventListener
    @Order(Ordered.LOWEST_PRECEDENCE)
    void publish(RunEnded run) {
        if (run.command() != RunEnded.Command.SCAN) {
            return;
        }
        try {
            publish(run, run.runId().orElse(null));
        } catch (RuntimeException e) {
            log.warn("could not publish the run's metrics", e);
        }
    }

    private void publish(RunEnded run, Long runId) {
        String body = RunMeters.of(run, client.tally(), notifications.counts(), clock.instant()).scrape();
        if (runId != null) {
            Path file = reports.dir().resolve(Long.toString(runId)).resolve(FILE);
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
            Method method = run.outcome().succeeded() ? Method.PUT : Method.POST;
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
}
