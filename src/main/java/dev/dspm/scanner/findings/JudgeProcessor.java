package dev.dspm.scanner.findings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.dspm.scanner.policy.Finding;
import dev.dspm.scanner.policy.drools.Judge;
import dev.dspm.scanner.policy.waiver.WaiverMatch;
import dev.dspm.scanner.policy.waiver.Waivers;

/**
 * Judges a page of shares in one stateless execution, then places each finding in its lifecycle: EXCEPTED
 * under an active waiver, OPEN (first seen when it was) if the previous run had it unresolved, else NEW.
 * Waivers are judged at the snapshot's time, like the rules, so a resumed run gives the night's verdicts.
 */
class JudgeProcessor implements ItemProcessor<SnapshotPage, List<JudgedFinding>> {

    private final Judge judge;
    private final JudgedRun run;
    private final EarlierFindings earlierFindings;
    private final Waivers waivers;

    JudgeProcessor(Judge judge, JudgedRun run, EarlierFindings earlierFindings, Waivers waivers) {
        this.judge = judge;
        this.run = run;
        this.earlierFindings = earlierFindings;
        this.waivers = waivers;
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
            // An expired waiver no longer excepts the finding, but stays named on it: the report says it ran out.
            Optional<WaiverMatch> waiver = waivers.match(finding.share(), finding.policy().id(), run.startedAt());
            FindingStatus status = waiver.filter(WaiverMatch::active).isPresent() ? FindingStatus.EXCEPTED
                    : before != null ? FindingStatus.OPEN : FindingStatus.NEW;
            String waiverKey = waiver.map(match -> match.waiver().key()).orElse(null);
            Boolean waiverActive = waiver.map(WaiverMatch::active).orElse(null);
            judged.add(before != null
                    ? new JudgedFinding(finding, status, before.firstSeenRun(), before.firstSeenAt(), waiverKey, waiverActive)
                    : new JudgedFinding(finding, status, run.runId(), run.startedAt(), waiverKey, waiverActive));
        }
        return judged;
    }
}
