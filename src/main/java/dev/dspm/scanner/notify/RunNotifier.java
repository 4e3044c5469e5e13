package dev.dspm.scanner.notify;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.logging.ConsoleOutput;
import dev.dspm.scanner.notify.NotificationLedger.Status;
import dev.dspm.scanner.run.RunEnded;
import dev.dspm.scanner.run.RunOutcome;
import dev.dspm.scanner.scan.ScanSettings;
import dev.dspm.scanner.snapshot.Runs;

/**
 * Tells people how a run ended, once per run and channel: when the run has something to say (new findings at or above
 * {@code dspm.notify.min-severity}, a failed or stopped run, an incomplete snapshot, remediation held back or failed;
 * every run with {@code dspm.notify.always}), it plans one message per channel and email recipient in the ledger,
 * then sends what the tenant's ledger holds unsent, this run's and any an earlier process left. Prints one line per
 * run it sent for and logs one warning per channel that failed; writes {@code notifications.json} beside the report.
 * It never changes the run's exit code: whatever fails here is logged. A re-judge notifies only with
 * {@code dspm.notify.rejudge}.
 */
@Component
public class RunNotifier {

    /** Before the metrics (which listen at the lowest precedence): they count what was sent. */
    static final int ORDER = 0;
    private static final Logger log = LoggerFactory.getLogger(RunNotifier.class);

    private final NotifySettings settings;
    private final MailSettings mail;
    private final NotificationLedger ledger;
    private final NewsQuery news;
    private final NotificationTally tally;
    private final NotificationsFile file;
    private final ScanSettings scan;
    private final Runs runs;
    private final Clock clock;

    RunNotifier(NotifySettings settings, MailSettings mail, NotificationLedger ledger, NewsQuery news,
            NotificationTally tally, NotificationsFile file, ScanSettings scan, Runs runs, Clock clock) {
        this.settings = settings;
        this.mail = mail;
        this.ledger = ledger;
        this.news = news;
        this.tally = tally;
        this.file = file;
        this.scan = scan;
        this.runs = runs;
        this.clock = clock;
    }

    @EventListener
    @Order(ORDER)
    void notify(RunEnded run) {
        boolean told = run.outcome().succeeded() || run.outcome() == RunOutcome.FAILED || run.outcome() == RunOutcome.STOPPED;
        if (!settings.anyChannel() || run.runId().isEmpty() || !told
                || (run.command() == RunEnded.Command.REJUDGE && !settings.rejudge())) {
            return;
        }
        try {
            notify(run, run.runId().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("notifications of run {} interrupted; the next run sends what is left", run.runId().get());
        } catch (RuntimeException e) {
            log.warn("notifications of run {} failed; the run's outcome stands: {}", run.runId().get(), e.toString());
            log.debug("notifications failed", e);
        }
    }

    private void notify(RunEnded run, long runId) throws InterruptedException {
        News told = news.read(run, runId, event(run));
        boolean worth = told.worthSending(settings.always());
        if (worth) {
            ledger.plan(run.tenant(), runId, told.event(), Messages.of(told, settings, clock.instant()));
        }
        Dispatcher dispatcher = new Dispatcher(settings, mail, clock, Backoff.REAL);
        List<Outbox.Settled> settled = new Outbox(ledger, tally, dispatcher, scan.resumeWithin(), clock.instant())
                .send(run.tenant(), runId);
        Map<Long, List<Outbox.Settled>> byRun = new TreeMap<>();
        settled.forEach(s -> byRun.computeIfAbsent(s.row().runId(), id -> new ArrayList<>()).add(s));
        byRun.putIfAbsent(runId, List.of());
        StringBuilder lines = new StringBuilder();
        byRun.forEach((id, sent) -> lines.append(line(id, sent, id == runId && !worth, told)).append(System.lineSeparator()));
        ConsoleOutput.print(log, lines.toString());
        for (Long id : byRun.keySet()) {
            try {
                file.write(id, ledger.ofRun(id), id == runId && run.counts().findings().isPresent()
                        && runs.newestJudged(run.tenant(), runId));
            } catch (IOException e) {
                log.warn("could not write {} of run {}: {}", NotificationsFile.NAME, id, e.toString());
            }
        }
    }

    /** E.g. {@code notifications of run 42: slack sent, teams FAILED, email 3 sent}, each failure also a warning. */
    private String line(long runId, List<Outbox.Settled> settled, boolean quiet, News told) {
        if (settled.isEmpty()) {
            return "notifications of run " + runId + ": " + (quiet ? "nothing to tell (no new finding at "
                    + told.minSeverity() + " or above, nothing failed); none sent" : "nothing left to send");
        }
        Map<Channel, Map<Status, List<Outbox.Settled>>> byChannel = new TreeMap<>();
        settled.forEach(s -> byChannel.computeIfAbsent(s.row().channel(), c -> new LinkedHashMap<>())
                .computeIfAbsent(s.status(), st -> new ArrayList<>()).add(s));
        StringJoiner line = new StringJoiner(", ", "notifications of run " + runId + ": ", "");
        byChannel.forEach((channel, byStatus) -> byStatus.forEach((status, messages) -> {
            String outcome = status == Status.SENT ? "sent" : status.name();
            line.add(channel.label() + (channel == Channel.EMAIL ? " " + messages.size() : "") + " " + outcome);
            if (status != Status.SENT) {
                log.warn("notification of run {} to {} {}: {} (the run's exit code is unchanged)", runId, channel.label(),
                        status.name().toLowerCase(Locale.ROOT), messages.get(0).delivery().detail()
                                + (messages.size() > 1 ? " (and " + (messages.size() - 1) + " more)" : ""));
            }
        }));
        return line.toString();
    }

    /** The ledger's name for this telling of the run; see {@link News#event()}. */
    static String event(RunEnded run) {
        if (run.command() == RunEnded.Command.REJUDGE) {
            return "REJUDGE-" + run.execution().map(e -> Long.toString(e.getId())).orElse("0");
        }
        boolean jobCompleted = run.execution().map(e -> e.getStatus() == BatchStatus.COMPLETED).orElse(false);
        return jobCompleted ? News.ENDED : News.FAILED;
    }
}
