package dev.dspm.scanner.report;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.findings.FindingCounter;
import dev.dspm.scanner.findings.FindingCounts;
import dev.dspm.scanner.findings.FindingStatus;
import dev.dspm.scanner.logging.InertText;
import dev.dspm.scanner.remediation.ActionStatus;
import dev.dspm.scanner.remediation.RemediationSettings.Mode;
import dev.dspm.scanner.snapshot.Runs;
import dev.dspm.scanner.snapshot.ScanScope;

/**
 * The end-of-run summary's last lines: what changed since the previous run, what remediation did or would do (and
 * what held it back), and where the report is.
 */
@Component
public class ReportSummary {

    private final FindingCounter findings;
    private final RemediationRows remediations;
    private final Runs runs;
    private final WaiverQuery waivers;

    ReportSummary(FindingCounter findings, RemediationRows remediations, Runs runs, WaiverQuery waivers) {
        this.findings = findings;
        this.remediations = remediations;
        this.runs = runs;
        this.waivers = waivers;
    }

    /** Prints nothing for a run that wrote no report (it failed or stopped before). */
    public void print(long runId, JobExecution execution, PrintStream out) {
        ExecutionContext context = execution.getExecutionContext();
        if (!context.containsKey(ReportConfiguration.HTML_PATH)) {
            return;
        }
        FindingCounts counts = findings.of(runId);
        if (context.containsKey(ReportConfiguration.PREVIOUS_RUN)) {
            long widened = context.getLong(ReportConfiguration.WIDENED);
            out.printf("%nsince run %d: %,d new, %,d resolved, %,d share%s widened%n",
                    context.getLong(ReportConfiguration.PREVIOUS_RUN), counts.count(FindingStatus.NEW),
                    counts.count(FindingStatus.RESOLVED), widened, widened == 1 ? "" : "s");
        } else {
            out.printf("%n%,d new findings (the first judged run of this tenant)%n", counts.count(FindingStatus.NEW));
        }
        runs.find(runId).ifPresent(run -> {
            scope(run.scope(), out);
            // "tonight" is since the run compared against: a waiver already expired then is not news
            Set<String> expiredBefore = runs.previousJudged(run.tenant(), runId).map(waivers::expired).orElse(Set.of());
            waivers(waivers.of(runId), expiredBefore, out);
        });
        out.print(context.getString(ReportConfiguration.OWNERS, ""));
        remediation(remediations.overview(runId, 0), out);
        out.println("report: " + context.getString(ReportConfiguration.HTML_PATH));
    }

    /** For a filtered run only, e.g. {@code filtered scan: owner id usr_1; keyword "pay" (...)}. */
    static void scope(ScanScope scope, PrintStream out) {
        if (scope.filtered()) {
            out.println("filtered scan: " + printable(String.join("; ", scope.filters())) + " (findings outside it are "
                    + "carried forward as they were" + (scope.narrowed() ? ", none resolved" : "")
                    + "; remediation acts only on the shares it read)");
        }
    }

    /**
     * The waivers of exceptions.yaml, when there are any: how many apply, which ran out since the previous run (their
     * findings count again), and which matched no finding (a share fixed or deleted, or a wrong waiver: to clean up).
     * E.g. {@code waivers: 4 active, 1 expired}, {@code 1 waiver expired tonight (...): share_uid:f1/public-file-share}.
     *
     * @param expiredBefore the keys of the waivers that had already run out in the previous run
     */
    static void waivers(List<ReportOverview.ReportedWaiver> waivers, Set<String> expiredBefore, PrintStream out) {
        if (waivers.isEmpty()) {
            return;
        }
        List<String> expiredTonight = waivers.stream().filter(w -> !w.active() && !expiredBefore.contains(w.key()))
                .map(ReportOverview.ReportedWaiver::key).toList();
        List<String> unused = waivers.stream().filter(w -> w.active() && w.matched() == 0)
                .map(ReportOverview.ReportedWaiver::key).toList();
        long active = waivers.stream().filter(ReportOverview.ReportedWaiver::active).count();
        out.printf("waivers: %,d active, %,d expired%n", active, waivers.size() - active);
        keys(expiredTonight, "expired tonight (its findings count again)", "expired tonight (their findings count again)", out);
        keys(unused, "matched nothing (its share was fixed or deleted, or the waiver is wrong)",
                "matched nothing (their shares were fixed or deleted, or the waivers are wrong)", out);
    }

    /** E.g. {@code 2 waivers expired tonight: a, b}; the first three keys, then how many more. */
    private static void keys(List<String> keys, String one, String several, PrintStream out) {
        if (keys.isEmpty()) {
            return;
        }
        StringJoiner line = new StringJoiner(", ", String.format("%,d waiver%s %s: ", keys.size(),
                keys.size() == 1 ? "" : "s", keys.size() == 1 ? one : several), "");
        keys.stream().limit(3).forEach(key -> line.add(printable(key)));
        out.println(keys.size() > 3 ? line + String.format(" and %,d more (report.html lists them)", keys.size() - 3) : line);
    }

    /**
     * E.g. {@code owners: 812 members; 2 owner ids (5 shares) match no member, e.g. u-404} and the three owners with the
     * most open findings; without the user key, that the owners were not looked up.
     */
    static String owners(OwnerOverview owners) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        if (!owners.enriched()) {
            out.println("owners: not enriched (set MANUS_USER_MGMT_KEY to see who owns each share)");
        } else {
            out.printf("owners: %,d members%s; %,d owner id%s (%,d share%s) match no member%s%n", owners.members(),
                    owners.complete() ? "" : String.format(" of %,d (the listing kept moving)", owners.apiTotal()),
                    owners.unmatchedOwners(), owners.unmatchedOwners() == 1 ? "" : "s", owners.unmatchedShares(),
                    owners.unmatchedShares() == 1 ? "" : "s",
                    owners.unmatchedSample().isEmpty() ? "" : ", e.g. " + printable(owners.unmatchedSample().get(0)));
        }
        List<OwnerOverview.TopOwner> top = owners.top().stream().limit(3).toList();
        if (!top.isEmpty()) {
            StringJoiner line = new StringJoiner(", ", "most open findings: ", "");
            top.forEach(owner -> line.add(printable(owner.email() != null ? owner.email() : owner.ownerId())
                    + (owner.status() == null || owner.status().equals("ACTIVE") ? "" : " (" + owner.status() + ")")
                    + " " + owner.open()));
            out.println(line);
        }
        out.flush();
        return text.toString();
    }

    /** E.g. {@code remediation (plan): 37 planned, 0 applied, 12 skipped (8 waived, 4 grace period)}; nothing when off. */
    static void remediation(RemediationOverview remediation, PrintStream out) {
        if (remediation.mode() == Mode.OFF) {
            return;
        }
        StringBuilder line = new StringBuilder("remediation (").append(remediation.mode().name().toLowerCase(Locale.ROOT));
        if (remediation.approvedPlan() != null) {
            line.append(", the approved plan of run ").append(remediation.approvedPlan());
        }
        if (remediation.revertedRun() != null) {
            line.append(", reverting run ").append(remediation.revertedRun());
        }
        line.append(String.format("): %,d planned, %,d applied", remediation.count(ActionStatus.PLANNED),
                remediation.count(ActionStatus.APPLIED)));
        for (ActionStatus rare : List.of(ActionStatus.FAILED, ActionStatus.IN_FLIGHT)) {
            if (remediation.count(rare) > 0) {
                line.append(String.format(", %,d %s", remediation.count(rare), rare.name().toLowerCase(Locale.ROOT).replace('_', ' ')));
            }
        }
        line.append(String.format(", %,d skipped", remediation.count(ActionStatus.SKIPPED)));
        StringJoiner reasons = new StringJoiner(", ", " (", ")").setEmptyValue("");
        remediation.skipped().forEach((reason, count) -> {
            if (count > 0) {
                reasons.add(String.format("%,d %s", count, RemediationOverview.label(reason)));
            }
        });
        out.println(line.append(reasons));
        if (remediation.heldBack() != null) {
            out.println((remediation.mode() == Mode.PLAN ? "an apply of this plan would be held back: " : "remediation held back: ")
                    + remediation.detail());
        }
    }

    /**
     * Tenant text as a terminal or a log line may show it: control and format characters (escape sequences, bidi
     * overrides, line breaks that would forge a line) as {@code ?}, and at most 80 code points.
     */
    static String printable(String text) {
        String line = InertText.line(text);
        return line.codePointCount(0, line.length()) > 80 ? line.substring(0, line.offsetByCodePoints(0, 80)) + "\u2026" : line;
    }
}
