package dev.dspm.scanner.findings;

import java.time.Clock;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.dspm.scanner.policy.drools.PolicyPack;
import dev.dspm.scanner.snapshot.RunParameters;
import dev.dspm.scanner.snapshot.RunTables;

/**
 * Closes a run's evaluation in one transaction, after every page is judged: records the pack it was judged by, settles
 * the findings it saw ({@link SeenFindings}), then carries forward each finding of the previous run that this run did
 * not see. Such a finding is RESOLVED only when this run can vouch for its share: its policy is gone from the pack, or
 * the share's partition (its type, or its type and owner) was scanned completely by an unfiltered scan. Otherwise the
 * share may simply have been missed (a listing cut short, a type not scanned) and the finding stays OPEN:
 * a share missing from an incomplete listing was not fixed. A finding of a policy that judges the owner
 * ({@code @requiresOwner}) also needs the run's owner list complete: without it the owner is unknown, not fixed. A
 * share a rule failed on tonight vouches for none of its findings: it was not judged, so they stay OPEN.
 */
class FindingLifecycle implements Tasklet {

    private final JdbcTemplate jdbc;
    private final SeenFindings seen;
    private final JudgedRuns runs;
    private final PolicyPack pack;
    private final WaiverRecords waivers;
    private final Clock clock;

    FindingLifecycle(JdbcTemplate jdbc, SeenFindings seen, JudgedRuns runs, PolicyPack pack, WaiverRecords waivers,
            Clock clock) {
        this.jdbc = jdbc;
        this.seen = seen;
        this.runs = runs;
        this.pack = pack;
        this.waivers = waivers;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JudgedRun run = runs.find(RunParameters.runId(contribution.getStepExecution()));
        recordPack(run.runId());
        seen.settle(run);
        run.previous().ifPresent(previous -> carryForward(run, previous));
        waivers.record(run);
        runs.judged(run.runId(), clock.instant());
        return RepeatStatus.FINISHED;
    }

    private void recordPack(long runId) {
        jdbc.update("DELETE FROM run_policy WHERE run_id = ?", runId);
        jdbc.batchUpdate("INSERT INTO run_policy (run_id, policy_id, title, severity, recommended_scope, auto_remediate, "
                + "requires_owner, rationale, policy_file, in_pack) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE)", pack.rules(), 100,
                (statement, policy) -> {
                    statement.setLong(1, runId);
                    statement.setString(2, policy.id());
                    statement.setString(3, policy.title());
                    statement.setString(4, policy.severity().name());
                    statement.setString(5, policy.recommendedScope().map(Enum::name).orElse(null));
                    statement.setBoolean(6, policy.autoRemediate());
                    statement.setBoolean(7, policy.requiresOwner());
                    statement.setString(8, policy.rationale());
                    statement.setString(9, policy.file().toString());
                });
    }

    private void carryForward(JudgedRun run, long previous) {
        long runId = run.runId();
        // A policy the previous run had and this pack has not: kept, marked, so its resolved findings keep a title.
        jdbc.update("INSERT INTO run_policy (run_id, policy_id, title, severity, recommended_scope, auto_remediate, "
                + "requires_owner, rationale, policy_file, in_pack) SELECT ?, policy_id, title, severity, recommended_scope, "
                + "auto_remediate, requires_owner, rationale, policy_file, FALSE FROM run_policy p WHERE p.run_id = ? AND NOT EXISTS "
                + "(SELECT 1 FROM run_policy c WHERE c.run_id = ? AND c.policy_id = p.policy_id)", runId, previous, runId);
        jdbc.update("""
                INSERT INTO finding (run_id, share_uid, policy_id, status, severity, seen, asset_type, asset_name, owner_id,
                       permission, permission_raw, max_permission, max_permission_raw, asset_exists, first_seen_run,
                       first_seen_at, last_seen_run, last_seen_at, waiver_key, waiver_active, resolution)
                SELECT ?, share_uid, policy_id,
                       CASE WHEN removed OR vouched THEN 'RESOLVED' WHEN status = 'NEW' THEN 'OPEN' ELSE status END,
                       severity, FALSE, asset_type, asset_name, owner_id, permission, permission_raw, max_permission,
                       max_permission_raw, asset_exists, first_seen_run, first_seen_at, last_seen_run, last_seen_at,
                       waiver_key, waiver_active,
                       CASE WHEN removed THEN 'POLICY_REMOVED' WHEN vouched AND present THEN 'SHARE_CHANGED'
                            WHEN vouched THEN 'SHARE_GONE' END
                FROM (SELECT p.*,
                             NOT EXISTS (SELECT 1 FROM run_policy r WHERE r.run_id = ? AND r.policy_id = p.policy_id
                                         AND r.in_pack) AS removed,
                             %s AND EXISTS (SELECT 1 FROM scan_partition s WHERE s.run_id = ? AND s.complete
                                         AND s.asset_type = p.asset_type AND (s.owner_id IS NULL OR s.owner_id = p.owner_id))
                                AND (NOT EXISTS (SELECT 1 FROM run_policy o WHERE o.run_id = ? AND o.policy_id = p.policy_id
                                                 AND o.requires_owner)
                                     OR EXISTS (SELECT 1 FROM run_owners m WHERE m.run_id = ? AND m.complete))
                                AND NOT EXISTS (SELECT 1 FROM rule_failure x WHERE x.run_id = ? AND x.share_uid = p.share_uid)
                                AS vouched,
                             EXISTS (SELECT 1 FROM %s n WHERE n.run_id = ? AND n.uid = p.share_uid) AS present
                      FROM finding p
                      WHERE p.run_id = ? AND p.status <> 'RESOLVED' AND NOT EXISTS (SELECT 1 FROM finding f
                            WHERE f.run_id = ? AND f.share_uid = p.share_uid AND f.policy_id = p.policy_id)) carried
                """.formatted(run.narrowed() ? "FALSE" : "TRUE", RunTables.name(runId)),
                runId, runId, runId, runId, runId, runId, runId, previous, runId);
    }
}
