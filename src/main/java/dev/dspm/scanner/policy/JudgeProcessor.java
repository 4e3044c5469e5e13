package dev.dspm.scanner.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Judges a page of shares in one stateless execution, then places each finding in its lifecycle: EXCEPTED
 * under an active waiver, OPEN (first seen when it was) if the previous run had it unresolved, else NEW.
 */
class JudgeProcessor implements ItemProcessor<SnapshotPage, List<JudgedFinding>> {

    private final Judge judge;
    private final JudgedRun run;
    private final EarlierFindings earlierFindings;

    JudgeProcessor(Judge judge, JudgedRun run, EarlierFindings earlierFindings) {
        this.judge = judge;
        this.run = run;
        this.earlierFindings = earlierFindings;
    }

    @Override
    public List<JudgedFinding> process(SnapshotPage page) {
        List<Finding> found = judge.judge(page.shares());
        if (found.isEmpty()) {
            return List.of();
        }
        Map<String, EarlierFindings.Earlier> earlier = run.previous().map(previous -> earlierFindings.of(previous, page))
                .orElse(Map.of());
        List<JudgedFinding> judged = new ArrayList<>(found.size());
        for (Finding finding : found) {
            EarlierFindings.Earlier before = earlier.get(EarlierFindings.key(finding.share().uid(), finding.policy().id()));
            FindingStatus status = before != null ? FindingStatus.OPEN : FindingStatus.NEW;
            judged.add(before != null
                    ? new JudgedFinding(finding, status, before.firstSeenRun(), before.firstSeenAt(), null, null)
                    : new JudgedFinding(finding, status, run.runId(), run.startedAt(), null, null));
        }
        return judged;
    }
}
