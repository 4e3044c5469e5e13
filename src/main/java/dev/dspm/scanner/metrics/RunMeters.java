package dev.dspm.scanner.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

import dev.dspm.scanner.export.ExportCounts;
import dev.dspm.scanner.manus.ApiTally;
import dev.dspm.scanner.notify.NotificationTally;
import dev.dspm.scanner.run.RunCounts;
import dev.dspm.scanner.run.RunEnded;
import dev.dspm.scanner.run.RunOutcome;
import dev.dspm.scanner.snapshot.TypeTotal;

/**
 * The meters of one ended run, in a registry of their own: what it read and stored per asset type, what it asked of
 * the API, what it found and did, how long its steps took, and how it ended. Names follow Prometheus' conventions
 * (Micrometer adds {@code _total} to counters and the unit to timestamps and durations).
 */
final class RunMeters {

    static final String TENANT = "tenant";

    private final MeterRegistry registry;

    private RunMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    static PrometheusMeterRegistry of(RunEnded run, ApiTally api, Map<NotificationTally.Key, Long> notifications,
            Instant now) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RunMeters meters = new RunMeters(registry);
        meters.outcome(run, now);
        meters.stored(run.counts());
        meters.api(api);
        meters.notifications(notifications);
        if (run.execution().isPresent()) {
            for (StepExecution step : run.execution().get().getStepExecutions()) {
                // a partition's own execution is named manager:partition; the manager's time covers them
                if (!step.getStepName().contains(":") && step.getStartTime() != null && step.getEndTime() != null) {
                    meters.gauge("dspm.step.duration", "seconds", "How long each step of the run took in this process",
                            seconds(step.getStartTime(), step.getEndTime()), "step", step.getStepName());
                }
            }
        }
        return registry;
    }

    private void outcome(RunEnded run, Instant now) {
        for (RunOutcome outcome : RunOutcome.values()) {
            gauge("dspm.run.outcome", null, "1 for how the run ended, 0 for the others", outcome == run.outcome() ? 1 : 0,
                    "outcome", outcome.name().toLowerCase(Locale.ROOT));
        }
        if (run.outcome().succeeded()) {
            gauge("dspm.last.success.timestamp", "seconds", "When a run last completed (Unix time)",
                    now.toEpochMilli() / 1000.0);
        }
        run.runId().ifPresent(id -> gauge("dspm.run.id", null, "The run's id: its report is in reports/<id>/", id));
        if (run.execution().isPresent()) {
            JobExecution execution = run.execution().get();
            LocalDateTime started = execution.getStartTime() != null ? execution.getStartTime() : execution.getCreateTime();
            Instant start = started.atZone(ZoneId.systemDefault()).toInstant();
            gauge("dspm.run.start.timestamp", "seconds", "When this process started the run (Unix time)",
                    start.toEpochMilli() / 1000.0);
            gauge("dspm.run.duration", "seconds", "How long this process ran the run",
                    Duration.between(start, now).toMillis() / 1000.0);
        }
    }

    private void stored(RunCounts counts) {
        for (TypeTotal type : counts.types()) {
            gauge("dspm.shares.stored", null, "Shares stored in the run's snapshot", type.stored(), "asset_type", type.assetType());
            if (type.apiTotal() != null) {
                gauge("dspm.shares.expected", null, "Shares the API's listing said there are (its total)", type.apiTotal(),
                        "asset_type", type.assetType());
            }
            gauge("dspm.asset.type.complete", null, "1 when every share of the type was stored, 0 when the scan of it was incomplete",
                    Boolean.TRUE.equals(type.complete()) ? 1 : 0, "asset_type", type.assetType());
        }
        counts.sealedComplete().ifPresent(complete -> gauge("dspm.run.complete", null,
                "1 when the sealed snapshot is complete, 0 when a partition was not", complete ? 1 : 0));
        counts.filtered().ifPresent(filtered -> gauge("dspm.run.filtered", null, "1 when the run listed only part of the "
                + "tenant (some types, owners, a keyword or a shared_at window), 0 for the whole tenant", filtered ? 1 : 0));
        counts.findings().ifPresent(findings -> findings.bySeverity().forEach((severity, byStatus) -> byStatus.forEach((status, n) ->
                gauge("dspm.findings", null, "Findings of the run by severity and status", n,
                        "severity", severity.name(), "status", status.name()))));
        counts.actions().ifPresent(actions -> actions.forEach((status, n) -> gauge("dspm.remediation.actions", null,
                "Remediation actions of the run by status", n, "status", status.name())));
        counts.export().ifPresent(export -> {
            gauge("dspm.export.events", null, "OCSF events of the run the collector took (sent), and not (unsent: the "
                    + "push failed or has not finished)", export.eventsSent(), "outcome", "sent");
            gauge("dspm.export.events", null, "OCSF events of the run the collector took (sent), and not (unsent: the "
                    + "push failed or has not finished)", export.events() == null ? 0 : export.events() - export.eventsSent(),
                    "outcome", "unsent");
            gauge("dspm.export.failed", null, "1 when the push of the run's events to the collector failed",
                    export.status() == ExportCounts.ExportStatus.FAILED ? 1 : 0);
            gauge("dspm.export.batches.resent", null, "Batches sent more than once (a retry, or a run resumed)",
                    export.batchesResent());
        });
    }

    private void api(ApiTally api) {
        for (Map.Entry<ApiTally.Answer, Long> answer : api.answers().entrySet()) {
            Counter.builder("dspm.api.requests").description("API attempts this process made, by operation and outcome "
                    + "(HTTP status, timeout or transport)")
                    .tags("operation", answer.getKey().operation(), "outcome", answer.getKey().outcome())
                    .register(registry).increment(answer.getValue());
        }
        api.retries().forEach((operation, n) -> Counter.builder("dspm.api.retries")
                .description("API attempts that repeated a request, by operation").tags("operation", operation)
                .register(registry).increment(n));
    }

    private void notifications(Map<NotificationTally.Key, Long> notifications) {
        notifications.forEach((key, n) -> Counter.builder("dspm.notifications")
                .description("Notification messages this process settled, by channel and outcome (sent, failed, unknown)")
                .tags("channel", key.channel(), "outcome", key.outcome()).register(registry).increment(n));
    }

    private void gauge(String name, String unit, String help, double value, String... tags) {
        Gauge.builder(name, () -> value).description(help).baseUnit(unit).tags(tags).strongReference(true).register(registry);
    }

    private static double seconds(LocalDateTime start, LocalDateTime end) {
        return Duration.between(start, end).toMillis() / 1000.0;
    }
}
