package dev.dspm.scanner.report;

import java.sql.ResultSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.report.OwnerOverview.TopOwner;

/** A run's {@link OwnerOverview}: its run_owners row, and one grouped count of its open findings per owner. */
@Component
class OwnerQuery {

    static final int TOP = 10;

    private final JdbcClient jdbc;

    OwnerQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    OwnerOverview read(long runId) {
        List<TopOwner> top = top(runId);
        return jdbc.sql("SELECT members, api_total, complete, unmatched_owners, unmatched_shares, unmatched_sample "
                + "FROM run_owners WHERE run_id = ?").param(runId)
                .query((rs, n) -> new OwnerOverview(true, rs.getLong(1), rs.getLong(2), rs.getBoolean(3), rs.getLong(4),
                        rs.getLong(5), sample(rs.getString(6)), top))
                .optional()
                // without enrichment the owners are ids only, and still worth ranking
                .orElse(new OwnerOverview(false, 0, 0, false, 0, 0, List.of(), top));
    }

    /** Ranked before the join: only the top few rows look up their member. */
    private List<TopOwner> top(long runId) {
        return jdbc.sql("""
                SELECT f.owner_id, o.email, o.status, f.open, f.critical, f.high FROM (
                    SELECT owner_id, COUNT(*) AS open, SUM(CASE WHEN severity = 'CRITICAL' THEN 1 ELSE 0 END) AS critical,
                           SUM(CASE WHEN severity = 'HIGH' THEN 1 ELSE 0 END) AS high
                    FROM finding WHERE run_id = ? AND status IN ('NEW', 'OPEN') AND owner_id IS NOT NULL
                    GROUP BY owner_id ORDER BY open DESC, critical DESC, high DESC, owner_id FETCH FIRST %d ROWS ONLY) f
                LEFT JOIN run_owner o ON o.run_id = ? AND o.team_user_id = f.owner_id
                ORDER BY f.open DESC, f.critical DESC, f.high DESC, f.owner_id""".formatted(TOP))
                .params(runId, runId)
                .query((rs, n) -> new TopOwner(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6)))
                .list();
    }

    /** The run's owners and owner statuses as the findings table shows them, each with its findings (see FilterChoices). */
    record Choices(Map<String, Long> owners, Map<String, Long> statuses) {
    }

    /** One grouped count per owner of the run's findings: as many rows as owners, whatever the findings. */
    Choices choices(long runId) {
        Map<String, Long> owners = new HashMap<>();
        Map<String, Long> statuses = new HashMap<>();
        jdbc.sql("""
                SELECT f.owner_id, o.email, o.status, f.findings FROM (
                    SELECT owner_id, COUNT(*) AS findings FROM finding WHERE run_id = ? GROUP BY owner_id) f
                LEFT JOIN run_owner o ON o.run_id = ? AND o.team_user_id = f.owner_id""")
                .params(runId, runId)
                .query((ResultSet rs) -> {
                    String shown = rs.getString(2) != null ? rs.getString(2) : rs.getString(1);
                    owners.merge(shown, rs.getLong(4), Long::sum);
                    if (rs.getString(3) != null) {
                        statuses.merge(rs.getString(3), rs.getLong(4), Long::sum);
                    }
                });
        return new Choices(owners, statuses);
    }

    /** The sample is stored one owner id per line. */
    private static List<String> sample(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : Arrays.asList(stored.split("\n"));
    }
}
