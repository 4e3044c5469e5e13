package dev.dspm.scanner.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import dev.dspm.scanner.findings.FindingStatus;

/**
 * The worst {@code limit} findings of a stream, in the order a reviewer reads them: severity, then what needs
 * attention (NEW, OPEN, waived, resolved), then policy, name and share. Holds at most {@code limit} of them
 * whatever the stream's length, so the page's rows come from the same single pass that writes the CSV and JSON.
 */
final class WorstFirst {

    static final Comparator<ReportedFinding> ORDER = Comparator.comparing(ReportedFinding::severity).reversed()
            .thenComparingInt(f -> rank(f.status()))
            .thenComparing(ReportedFinding::policyId)
            .thenComparing(ReportedFinding::assetName, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(ReportedFinding::shareUid);

    private final int limit;
    /** The best of those kept at the head, to be dropped when a worse one comes. */
    private final PriorityQueue<ReportedFinding> kept;

    WorstFirst(int limit) {
        this.limit = limit;
        this.kept = new PriorityQueue<>(Math.min(limit, 1_024) + 1, ORDER.reversed());
    }

    void offer(ReportedFinding finding) {
        if (kept.size() < limit) {
            kept.add(finding);
        } else if (ORDER.compare(finding, kept.peek()) < 0) {
            kept.poll();
            kept.add(finding);
        }
    }

    List<ReportedFinding> list() {
        List<ReportedFinding> list = new ArrayList<>(kept);
        list.sort(ORDER);
        return list;
    }

    private static int rank(FindingStatus status) {
        return switch (status) {
            case NEW -> 0;
            case OPEN -> 1;
            case EXCEPTED -> 2;
            case RESOLVED -> 3;
        };
    }
}
