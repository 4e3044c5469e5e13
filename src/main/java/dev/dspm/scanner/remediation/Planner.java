package dev.dspm.scanner.remediation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.manus.ShareScope;

/**
 * Tonight's plan from tonight's findings: one action per share, to the tightest scope recommended by its findings
 * that may be acted on, when that is tighter than the share's effective scope. A share with a finding that would
 * tighten it but may not be acted on gets a SKIPPED row saying why, so the report can count them. Only findings of
 * shares this run read count ({@code seen}): one carried forward from an earlier night, outside tonight's filter or
 * missing from an incomplete listing, is about a share this run knows nothing of.
 */
@Component
class Planner {

    private final JdbcTemplate jdbc;

    Planner(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One finding that recommends a scope, as read for planning. */
    record Candidate(String shareUid, String assetType, String assetName, String ownerId, String permission,
            Boolean assetExists, String status, Instant firstSeen, String policyId, String title, ShareScope recommended,
            boolean auto) {
    }

    /** Each share's action, in uid order, handed to {@code actions} as decided: a tenant's plan is never all in memory. */
    void plan(long runId, Instant snapshotAt, RemediationSettings settings, Consumer<Action> actions) {
        List<Candidate> share = new ArrayList<>();
        jdbc.query("""
                SELECT f.share_uid, f.asset_type, f.asset_name, f.owner_id, f.permission, f.asset_exists, f.status,
                       f.first_seen_at, f.policy_id, p.title, p.recommended_scope, p.auto_remediate
                FROM finding f JOIN run_policy p ON p.run_id = f.run_id AND p.policy_id = f.policy_id
                WHERE f.run_id = ? AND f.seen AND f.status <> 'RESOLVED' AND p.recommended_scope IS NOT NULL
                ORDER BY f.share_uid, f.policy_id""", rs -> {
            Candidate candidate = new Candidate(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), (Boolean) rs.getObject(6), rs.getString(7), rs.getTimestamp(8).toInstant(),
                    rs.getString(9), rs.getString(10), ShareScope.valueOf(rs.getString(11)), rs.getBoolean(12));
            if (!share.isEmpty() && !share.get(0).shareUid().equals(candidate.shareUid())) {
                actions.accept(decide(share, runId, snapshotAt, settings));
                share.clear();
            }
            share.add(candidate);
        }, runId);
        if (!share.isEmpty()) {
            actions.accept(decide(share, runId, snapshotAt, settings));
        }
    }

    static Action decide(List<Candidate> findings, long runId, Instant snapshotAt, RemediationSettings settings) {
        Instant settled = snapshotAt.minus(settings.gracePeriod());
        Candidate tightest = null;
        Candidate eligible = null;
        boolean waived = false;
        boolean young = false;
        for (Candidate f : findings) {
            if (tightest == null || f.recommended().compareTo(tightest.recommended()) < 0) {
                tightest = f;
            }
            boolean open = f.status().equals("NEW") || f.status().equals("OPEN");
            waived |= f.status().equals("EXCEPTED");
            young |= open && f.auto() && f.firstSeen().isAfter(settled);
            if (open && f.auto() && !f.firstSeen().isAfter(settled)
                    && (eligible == null || f.recommended().compareTo(eligible.recommended()) < 0)) {
                eligible = f;
            }
        }
        Candidate chosen = eligible != null ? eligible : tightest;
        Action action = new Action(chosen.shareUid(), chosen.policyId(), chosen.assetType(), chosen.assetName(),
                chosen.ownerId(), chosen.permission(), chosen.recommended().name(), AuditNote.of(settings.notePrefix(), runId, null,
                        chosen.policyId(), chosen.title(), chosen.permission(), chosen.recommended().name()),
                ActionStatus.PLANNED, null);
        if (eligible == null) {
            return action.skipped(waived ? SkipReason.WAIVED : young ? SkipReason.GRACE_PERIOD : SkipReason.NOT_AUTO_REMEDIATED);
        }
        return check(action, chosen.assetExists());
    }

    /** What stands between a decided action and its call: the share's state in the snapshot. */
    static Action check(Action action, Boolean assetExists) {
        if (Boolean.FALSE.equals(assetExists)) {
            return action.skipped(SkipReason.STALE_SHARE);
        }
        ShareScope from = action.fromScope() == null ? ShareScope.UNKNOWN : ShareScope.valueOf(action.fromScope());
        if (from == ShareScope.UNKNOWN) {
            return action.skipped(SkipReason.UNKNOWN_SCOPE);
        }
        return from.compareTo(ShareScope.valueOf(action.toScope())) <= 0 ? action.skipped(SkipReason.ALREADY_TIGHT) : action;
    }
}
