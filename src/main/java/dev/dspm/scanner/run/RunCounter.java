package dev.dspm.scanner.run;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.dspm.scanner.export.ExportSummary;
import dev.dspm.scanner.findings.FindingCounter;
import dev.dspm.scanner.remediation.ActionCounter;
import dev.dspm.scanner.snapshot.PartitionLedger;
import dev.dspm.scanner.snapshot.Runs;

/** Reads a run's {@link RunCounts} through the owner of each table: a few grouped queries whatever the run's size. */
@Component
class RunCounter {

    private final Runs runs;
    private final PartitionLedger ledger;
    private final FindingCounter findings;
    private final ActionCounter actions;
    private final ExportSummary export;

    RunCounter(Runs runs, PartitionLedger ledger, FindingCounter findings, ActionCounter actions, ExportSummary export) {
        this.runs = runs;
        this.ledger = ledger;
        this.findings = findings;
        this.actions = actions;
        this.export = export;
    }

    RunCounts of(long runId) {
        Optional<Runs.Run> run = runs.find(runId);
        if (run.isEmpty()) {
            return RunCounts.NONE;
        }
        return new RunCounts(ledger.types(runId), Optional.ofNullable(run.get().complete()),
                Optional.of(run.get().scope().filtered()),
                run.get().judged() ? Optional.of(findings.of(runId)) : Optional.empty(), actions.of(runId), export.of(runId));
    }
}
