package dev.dspm.scanner.run;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.export.ExportSummary;
import dev.dspm.scanner.findings.FindingSummary;
import dev.dspm.scanner.logging.ConsoleOutput;
import dev.dspm.scanner.policy.PolicyFolder;
import dev.dspm.scanner.report.ReportSummary;
import dev.dspm.scanner.scan.ScanProgress;
import dev.dspm.scanner.snapshot.PartitionLedger;
import dev.dspm.scanner.snapshot.PartitionRecord;
import dev.dspm.scanner.snapshot.Runs;

/**
 * The summary printed at the end of a run, what a person reads first in the cron mail: for a scan the per-type table,
 * for a re-judge the run it judged again; then the findings, what changed and the report's path. Printed whole, so
 * that structured logs carry it as one event.
 */
@Component
class RunSummary {

    private static final Logger log = LoggerFactory.getLogger(RunSummary.class);

    private final PartitionLedger ledger;
    private final ScanProgress progress;
    private final FindingSummary findings;
    private final ReportSummary report;
    private final PolicyFolder policies;
    private final Runs runs;
    private final ExportSummary export;

    RunSummary(PartitionLedger ledger, ScanProgress progress, FindingSummary findings, ReportSummary report,
            PolicyFolder policies, Runs runs, ExportSummary export) {
        this.ledger = ledger;
        this.progress = progress;
        this.findings = findings;
        this.report = report;
        this.policies = policies;
        this.runs = runs;
        this.export = export;
    }

    void print(RunEnded.Command command, long runId, JobExecution execution) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(text, false, StandardCharsets.UTF_8);
        if (command == RunEnded.Command.SCAN) {
            scan(runId, execution, out);
        } else {
            out.printf("%nrun %d judged again by the policies in %s (no request sent)%n", runId,
                    policies.dir().toAbsolutePath());
        }
        // Judged by the database, not by this execution's steps: a resumed run's findings step may have completed in
        // the execution that stopped, and its summary still shows the whole table.
        if (runs.find(runId).filter(Runs.Run::judged).isPresent()) {
            findings.print(runId, out);
        }
        report.print(runId, execution, out);
        export.print(runId, out);
        out.flush();
        ConsoleOutput.print(log, text.toString(StandardCharsets.UTF_8));
    }

    private void scan(long runId, JobExecution execution, PrintStream out) {
        Map<String, long[]> byType = new TreeMap<>();
        Set<String> unjudged = new HashSet<>();
        Set<String> incomplete = new HashSet<>();
        List<String> cutShort = new ArrayList<>();
        for (PartitionRecord partition : ledger.partitions(runId)) {
            if (partition.cutShort() != null) {
                cutShort.add(partition.key() + ": " + partition.cutShort());
            }
            long[] sums = byType.computeIfAbsent(partition.assetType(), type -> new long[4]);
            sums[0] += partition.stored() == null ? partition.sharesRead() : partition.stored();
            sums[1] += partition.lastTotal() == null ? 0 : partition.lastTotal();
            sums[2] += partition.pages();
            sums[3] += partition.throttled();
            if (partition.complete() == null) {
                unjudged.add(partition.assetType());
            } else if (!partition.complete()) {
                incomplete.add(partition.assetType());
            }
        }
        out.printf("%nrun %d %s%n", runId, execution.getStatus());
        out.printf("%-22s %10s %10s %7s %6s  %s%n", "asset type", "stored", "api total", "pages", "429s", "complete");
        long[] all = new long[4];
        byType.forEach((type, sums) -> {
            out.printf("%-22s %,10d %,10d %,7d %,6d  %s%n", type, sums[0], sums[1], sums[2], sums[3],
                    // "-" until the seal has judged the run
                    unjudged.contains(type) ? "-" : incomplete.contains(type) ? "NO" : "yes");
            for (int i = 0; i < all.length; i++) {
                all[i] += sums[i];
            }
        });
        out.printf("%-22s %,10d %,10d %,7d %,6d%n", "all", all[0], all[1], all[2], all[3]);
        cutShort.forEach(out::println);
        Duration scan = scanTime(execution);
        out.printf("scan step %.2f s, %s, peak heap %d MiB live of %d MiB max%n", scan.toMillis() / 1000.0,
                rate(progress.sharesRead(), scan), progress.peakLiveHeapBytes() >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    /**
     * The rate of what this process read: a resumed run with little left must not divide the whole
     * snapshot by a moment (it once printed 300,000,000 shares/s).
     */
    static String rate(long sharesRead, Duration scan) {
        if (sharesRead == 0 || scan.toMillis() == 0) {
            return "nothing left to read";
        }
        return String.format("%,d shares read, %,.0f shares/s", sharesRead, sharesRead / (scan.toMillis() / 1000.0));
    }

    private static Duration scanTime(JobExecution execution) {
        return execution.getStepExecutions().stream()
                .filter(step -> step.getStepName().equals("scan"))
                .filter(step -> step.getStartTime() != null && step.getEndTime() != null)
                .map(step -> Duration.between(step.getStartTime(), step.getEndTime()))
                .findFirst().orElse(Duration.ZERO);
    }
}
