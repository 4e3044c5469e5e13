package dev.dspm.scanner.report;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.report.ReportOverview.ReportedWaiver;

/** The waivers of exceptions.yaml as a run applied them ({@code run_waiver}): a few dozen rows whatever the run's size. */
@Component
class WaiverQuery {

    private final JdbcClient jdbc;

    WaiverQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ReportedWaiver> of(long runId) {
        return jdbc.sql("""
                SELECT waiver_key, match_kind, match_value, policy_id, justification, approved_by, expires, active, matched
                FROM run_waiver WHERE run_id = ? ORDER BY policy_id, waiver_key""")
                .param(runId)
                .query((rs, n) -> new ReportedWaiver(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getDate(7).toLocalDate(), rs.getBoolean(8), rs.getLong(9)))
                .list();
    }

    /** The keys of the waivers that had already run out when the run judged its snapshot. */
    Set<String> expired(long runId) {
        return new HashSet<>(jdbc.sql("SELECT waiver_key FROM run_waiver WHERE run_id = ? AND NOT active").param(runId)
                .query(String.class).list());
    }
}
