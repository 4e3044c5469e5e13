package dev.dspm.scanner.export;

import java.io.PrintStream;
import java.util.Optional;

import org.springframework.stereotype.Component;

/** A run's push as the end-of-run summary says it, and its counts for the metrics. */
@Component
public class ExportSummary {

    private final ExportLedger ledger;

    ExportSummary(ExportLedger ledger) {
        this.ledger = ledger;
    }

    /** Empty for a run that pushed nothing (no collector set, or the run ended before its push). */
    public Optional<ExportCounts> of(long runId) {
        return ledger.counts(runId);
    }

    /** One line, for a run that pushed its events or tried to. */
    public void print(long runId, PrintStream out) {
        of(runId).ifPresent(counts -> out.println(line(counts)));
    }

    static String line(ExportCounts counts) {
        String resent = counts.batchesResent() == 0 ? "" : String.format(" (%,d of them sent more than once)",
                counts.batchesResent());
        return switch (counts.status()) {
            case SENT -> String.format("export: %,d events in %,d batches sent to %s%s", counts.eventsSent(),
                    counts.batchesSent(), counts.target(), resent);
            case FAILED -> String.format("export: FAILED after %,d events in %,d batches sent to %s%s: %s; the rest were not "
                    + "sent, and the run's exit code is unchanged", counts.eventsSent(), counts.batchesSent(), counts.target(),
                    resent, counts.error());
            case SENDING -> String.format("export: %,d events in %,d batches sent to %s so far%s; the next start sends the rest",
                    counts.eventsSent(), counts.batchesSent(), counts.target(), resent);
        };
    }
}
