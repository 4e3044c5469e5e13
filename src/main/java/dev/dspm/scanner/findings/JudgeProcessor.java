package dev.dspm.scanner.findings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.dspm.scanner.policy.Finding;
import dev.dspm.scanner.policy.drools.Judge;
import dev.dspm.scanner.policy.drools.Verdicts;
import dev.dspm.scanner.policy.waiver.WaiverMatch;
import dev.dspm.scanner.policy.waiver.Waivers;

/**
 * Judges a page of shares in one stateless execution, then places each finding in its lifecycle: EXCEPTED
 * under an active waiver, OPEN (first seen when it was) if the previous run had it unresolved, else NEW. (On PostgreSQL
 * {@link EarlierFindings} finds none page by page: {@link SeenFindings} settles them for the whole run at once.)
 * Waivers are judged at the snapshot's time, like the rules, so a resumed run gives the night's verdicts. A rule that
 * fails on a share is recorded, not thrown: the night goes on and its report names the rule.
 */
class JudgeProcessor implements ItemProcessor<SnapshotPage, List<JudgedFinding>> {

    private static final Logger log = LoggerFactory.getLogger(JudgeProcessor.class);
    /** A rule that fails on every share would write a line per share: the first few say it, the report counts them. */
    static final int LOGGED_FAILURES = 10;

    private final Judge judge;
    private final JudgedRun run;
    private final EarlierFindings earlierFindings;
    private final Waivers waivers;
    private final RuleFailures ruleFailures;
    private final AtomicInteger logged = new AtomicInteger();

    JudgeProcessor(Judge judge, JudgedRun run, EarlierFindings earlierFindings, Waivers waivers, RuleFailures ruleFailures) {
        this.judge = judge;
        this.run = run;
        this.earlierFindings = earlierFindings;
        this.waivers = waivers;
        this.ruleFailures = ruleFailures;
    }

    @Override
    public List<JudgedFinding> process(SnapshotPage page) {
        Verdicts verdicts = judge.verdicts(page.shares());
        if (!verdicts.failures().isEmpty()) {
            ruleFailures.record(run.runId(), verdicts.failures());
            verdicts.failures().stream().limit(Math.max(0, LOGGED_FAILURES - logged.getAndAdd(verdicts.failures().size())))
                    .forEach(failure -> log.warn("run {}: {}; its earlier findings stay open", run.runId(), failure.describe()));
        }
        List<Finding> found = verdicts.findings();
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
