package dev.dspm.scanner.export;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.dspm.scanner.export.ExportCounts.ExportStatus;
import dev.dspm.scanner.export.ExportLedger.Batch;
import dev.dspm.scanner.export.ExportLedger.BatchStatus;
import dev.dspm.scanner.findings.FindingCounter;
import dev.dspm.scanner.findings.FindingCounts;
import dev.dspm.scanner.findings.FindingStatus;
import dev.dspm.scanner.report.OcsfEvents;
import dev.dspm.scanner.snapshot.Runs;

/**
 * Sends a run's OCSF events to the collector in batches, exactly once per run: the events are read again from the
 * database in their report order, each batch recorded IN_FLIGHT before it leaves and SENT once taken, so that a
 * killed run resumed sends its one unanswered batch again (same events, same Idempotency-Key) and then the rest,
 * never one the collector took. A collector that refuses a batch or does not answer within the attempts ends the
 * run's push there (FAILED, with why): the run goes on, and its exit code does not change.
 */
@Component
class OcsfPush {

    private static final Logger log = LoggerFactory.getLogger(OcsfPush.class);

    private final ExportSettings settings;
    private final ExportLedger ledger;
    private final OcsfEvents events;
    private final Runs runs;
    private final FindingCounter findings;
    private final TransactionTemplate reading;

    OcsfPush(ExportSettings settings, ExportLedger ledger, OcsfEvents events, Runs runs, FindingCounter findings,
            PlatformTransactionManager transactions) {
        this.settings = settings;
        this.ledger = ledger;
        this.events = events;
        this.runs = runs;
        this.findings = findings;
        this.reading = new TransactionTemplate(transactions);
        this.reading.setReadOnly(true);
    }

    /**
     * Pushes the run's events unless its push already ended.
     *
     * @param stopped polled between and during requests
     * @throws Collector.Stopped when stopped: what was sent is recorded, and a resumed run carries on from there
     */
    void push(long runId, BooleanSupplier stopped) {
        if (!settings.enabled()) {
            return;
        }
        Optional<ExportStatus> status = ledger.status(runId);
        if (status.isPresent() && status.get() != ExportStatus.SENDING) {
            log.info("run {}: its events were pushed before ({}); not again", runId, status.get());
            return;
        }
        if (status.isEmpty()) {
            ledger.begin(runId, settings.target(), settings.format());
        }
        String tenant = runs.find(runId).map(Runs.Run::tenant).orElseThrow();
        Pass pass = new Pass(runId, tenant, new Collector(settings), ledger.batches(runId), stopped);
        try {
            reading.executeWithoutResult(tx -> events.forEach(runId, pass::event));
            pass.flush();
            ledger.finish(runId, ExportStatus.SENT, pass.index, null);
            log.info("run {}: {} events pushed to {}", runId, pass.index, settings.target());
        } catch (PushFailed failed) {
            // one event per finding: what was not sent is counted from them, the stream having stopped
            FindingCounts counts = findings.of(runId);
            long all = Arrays.stream(FindingStatus.values()).mapToLong(counts::count).sum();
            ledger.finish(runId, ExportStatus.FAILED, all, failed.getMessage());
            log.warn("run {}: pushing its events to {} failed, the rest are not sent: {}", runId, settings.target(),
                    failed.getMessage());
        }
    }

    /** The key of a batch's requests: the same for the same tenant, run and batch, whichever process sends it. */
    static String idempotencyKey(String tenant, long runId, int batchNo) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((tenant.length() + ":" + tenant + "/" + runId + "/" + batchNo).getBytes(StandardCharsets.UTF_8));
            return "dspm-" + HexFormat.of().formatHex(sha256.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The collector did not take a batch: the push ends there. */
    private static final class PushFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PushFailed(String why) {
            super(why, null, false, false);
        }
    }

    /** One pass over the run's events: skips what was sent, sends again the batch left in flight, batches the rest. */
    private final class Pass {

        private final long runId;
        private final String tenant;
        private final Collector collector;
        private final BooleanSupplier stopped;
        /** The batch a dead process left unanswered, to send again whole; null if none. */
        private final Batch unanswered;
        /** Events before this one were sent (or are the unanswered batch's). */
        private final long resumeAt;
        private int nextBatch;
        private final List<byte[]> batch = new ArrayList<>();
        private long batchFirst;
        private int batchBytes;
        private long time;
        private long index;

        Pass(long runId, String tenant, Collector collector, List<Batch> recorded, BooleanSupplier stopped) {
            this.runId = runId;
            this.tenant = tenant;
            this.collector = collector;
            this.stopped = stopped;
            this.unanswered = recorded.stream().filter(b -> b.status() == BatchStatus.IN_FLIGHT).findFirst().orElse(null);
            this.resumeAt = recorded.stream().mapToLong(Batch::end).max().orElse(0);
            this.nextBatch = recorded.size();
            if (unanswered != null) {
                log.info("run {}: batch {} of its push had no answer when the run stopped; sending it again", runId,
                        unanswered.batchNo());
            }
        }

        void event(long eventTime, byte[] event) {
            time = eventTime;
            long at = index++;
            if (unanswered != null && at >= unanswered.firstEvent() && at < unanswered.end()) {
                batch.add(event);
                if (at == unanswered.end() - 1) {
                    send(unanswered.batchNo(), false);
                }
                return;
            }
            if (at < resumeAt) {
                return;
            }
            int weight = Body.weight(settings.format(), event);
            if (!batch.isEmpty() && (batch.size() >= settings.batchSize() || batchBytes + weight > Body.MAX_BYTES)) {
                send(nextBatch++, true);
            }
            if (batch.isEmpty()) {
                batchFirst = at;
            }
            batch.add(event);
            batchBytes += weight;
        }

        void flush() {
            if (!batch.isEmpty()) {
                send(nextBatch++, true);
            }
        }

        private void send(int batchNo, boolean record) {
            byte[] body = Body.of(settings.format(), time, batch);
            if (record) {
                ledger.inFlight(runId, new Batch(batchNo, batchFirst, batch.size(), BatchStatus.IN_FLIGHT, 0), body.length);
            }
            Collector.Outcome outcome = collector.send(body, idempotencyKey(tenant, runId, batchNo),
                    () -> ledger.attempt(runId, batchNo), stopped);
            if (outcome instanceof Collector.Failed failed) {
                ledger.failed(runId, batchNo, failed.status(), failed.why());
                throw new PushFailed("batch " + batchNo + " (" + batch.size() + " events): " + failed.why());
            }
            ledger.sent(runId, batchNo, ((Collector.Accepted) outcome).status());
            batch.clear();
            batchBytes = 0;
        }
    }
}
