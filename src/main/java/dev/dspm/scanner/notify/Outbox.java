package dev.dspm.scanner.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.dspm.scanner.notify.NotificationLedger.Row;
import dev.dspm.scanner.notify.NotificationLedger.Status;
import dev.dspm.scanner.run.LockHolder;

/**
 * Sends what the ledger holds unsent for a tenant, each message only once it is claimed. A message left IN_FLIGHT by a
 * process that died (gone from this host, or silent for {@link #STALE}) was perhaps received: the webhook sends it
 * again under the same {@code webhook-id}, which its receivers de-duplicate by, as the Standard Webhooks
 * specification asks; Slack, Teams and email cannot tell a second copy from the first, so it is settled UNKNOWN
 * rather than risk telling twice. A message older than {@code dspm.scan.resume-within} is not sent any more.
 */
final class Outbox {

    /** Longer than any one message can take to send (attempts times timeouts and backoff). */
    static final Duration STALE = Duration.ofMinutes(30);

    /** One message this process settled. */
    record Settled(Row row, Status status, Delivery delivery) {
    }

    private final NotificationLedger ledger;
    private final NotificationTally tally;
    private final Dispatcher dispatcher;
    private final Duration resumeWithin;
    private final Instant now;

    Outbox(NotificationLedger ledger, NotificationTally tally, Dispatcher dispatcher, Duration resumeWithin, Instant now) {
        this.ledger = ledger;
        this.tally = tally;
        this.dispatcher = dispatcher;
        this.resumeWithin = resumeWithin;
        this.now = now;
    }

    /** Sends the tenant's unsettled messages, oldest run first; {@code runId}'s own are never too old. */
    List<Settled> send(String tenant, long runId) throws InterruptedException {
        List<Settled> settled = new ArrayList<>();
        for (Row row : ledger.unsettled(tenant)) {
            Optional<String> abandoned = abandoned(row);
            if (row.status() == Status.IN_FLIGHT && abandoned.isEmpty()) {
                continue; // another live process is sending it
            }
            if (!ledger.claim(row, LockHolder.SELF.toString())) {
                continue; // another process took it first
            }
            Settled outcome = settle(row, runId, abandoned);
            ledger.settle(row, outcome.status(), outcome.delivery().attempts(), outcome.delivery().detail());
            tally.count(row.channel(), outcome.status());
            settled.add(outcome);
        }
        return settled;
    }

    private Settled settle(Row row, long runId, Optional<String> abandoned) throws InterruptedException {
        if (row.runId() != runId && Duration.between(row.createdAt(), now).compareTo(resumeWithin) > 0) {
            return new Settled(row, Status.FAILED, new Delivery(false, 0, "not sent: planned longer ago than "
                    + "dspm.scan.resume-within (" + resumeWithin + ")"));
        }
        if (abandoned.isPresent() && row.channel() != Channel.WEBHOOK) {
            return new Settled(row, Status.UNKNOWN, new Delivery(false, 0, "its sender stopped mid-send ("
                    + abandoned.get() + "); not sent again, as " + row.channel().label()
                    + " cannot tell a second copy from the first"));
        }
        Delivery delivery = dispatcher.send(row.channel(), row.recipient(), row.subject(), row.body(), row.messageId());
        return new Settled(row, delivery.sent() ? Status.SENT : Status.FAILED, delivery);
    }

    /** Why an IN_FLIGHT message's sender is certainly gone; empty for one that may still be sending it. */
    private Optional<String> abandoned(Row row) {
        if (row.status() != Status.IN_FLIGHT) {
            return Optional.empty();
        }
        Optional<String> gone = Optional.ofNullable(row.claimedBy()).flatMap(LockHolder::parse)
                .flatMap(holder -> holder.goneAsSeenBy(LockHolder.SELF));
        if (gone.isPresent()) {
            return gone;
        }
        return Duration.between(row.updatedAt(), now).compareTo(STALE) > 0
                ? Optional.of("no word from it for over " + STALE.toMinutes() + " minutes") : Optional.empty();
    }
}
