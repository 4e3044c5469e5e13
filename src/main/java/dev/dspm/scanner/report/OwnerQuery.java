package dev.dspm.scanner.report;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.report.OwnerOverview.TopOwner;

/**
 * A run's owners as the report shows them: its run_owners row, and one grouped count of its findings per owner, which
 * gives both the owners with the most open findings and the findings table's owner filters. One count, not one each:
 * on H2 a count per owner reads every finding's row (~7 s at a million shares).
 */
@Component
class OwnerQuery {

    static final int TOP = 10;

    /** Most open (NEW or OPEN) findings first, then most critical, most high; equal owners by id. */
    private static final Comparator<TopOwner> RANKING = Comparator.comparingLong(TopOwner::open)
            .thenComparingLong(TopOwner::critical).thenComparingLong(TopOwner::high).reversed()
            .thenComparing(TopOwner::ownerId);

    private final JdbcClient jdbc;

    OwnerQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param overview what the run knew of the owners, and the {@value #TOP} with the most open findings
     * @param owners   the findings of each owner as the findings table shows them (see FilterChoices)
     * @param statuses the findings of each owner status
     */
    record Owned(OwnerOverview overview, Map<String, Long> owners, Map<String, Long> statuses) {
    }

    Owned read(long runId) {
        Map<String, Long> owners = new HashMap<>();
        Map<String, Long> statuses = new HashMap<>();
        List<TopOwner> ranked = new ArrayList<>();
        jdbc.sql("""
                SELECT f.owner_id, o.email, o.status, f.findings, f.open, f.critical, f.high FROM (
                    SELECT owner_id, COUNT(*) AS findings,
                           SUM(CASE WHEN status IN ('NEW', 'OPEN') THEN 1 ELSE 0 END) AS open,
                           SUM(CASE WHEN status IN ('NEW', 'OPEN') AND severity = 'CRITICAL' THEN 1 ELSE 0 END) AS critical,
                           SUM(CASE WHEN status IN ('NEW', 'OPEN') AND severity = 'HIGH' THEN 1 ELSE 0 END) AS high
                    FROM finding WHERE run_id = ? GROUP BY owner_id) f
                LEFT JOIN run_owner o ON o.run_id = ? AND o.team_user_id = f.owner_id""")
                .params(runId, runId)
                .query((ResultSet rs) -> {
                    String ownerId = rs.getString(1);
                    String email = rs.getString(2);
                    String status = rs.getString(3);
                    long findings = rs.getLong(4);
                    owners.merge(email != null ? email : ownerId, findings, Long::sum);
                    if (status != null) {
                        statuses.merge(status, findings, Long::sum);
                    }
                    if (ownerId != null && rs.getLong(5) > 0) {
                        ranked.add(new TopOwner(ownerId, email, status, rs.getLong(5), rs.getLong(6), rs.getLong(7)));
                    }
                });
        ranked.sort(RANKING);
        List<TopOwner> top = List.copyOf(ranked.subList(0, Math.min(TOP, ranked.size())));
        OwnerOverview overview = jdbc.sql("SELECT members, api_total, complete, unmatched_owners, unmatched_shares, "
                + "unmatched_sample FROM run_owners WHERE run_id = ?").param(runId)
                .query((rs, n) -> new OwnerOverview(true, rs.getLong(1), rs.getLong(2), rs.getBoolean(3), rs.getLong(4),
                        rs.getLong(5), sample(rs.getString(6)), top))
                .optional()
                // without enrichment the owners are ids only, and still worth ranking
                .orElse(new OwnerOverview(false, 0, 0, false, 0, 0, List.of(), top));
        return new Owned(overview, owners, statuses);
    }

    /** The sample is stored one owner id per line. */
    private static List<String> sample(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : Arrays.asList(stored.split("\n"));
    }
}
