package dev.dspm.scanner.findings;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The previous run's unresolved findings of one page of shares, read through the finding table's primary
 * key (run, uid range): a page's worth of rows per query, never the whole previous run in memory.
 */
class EarlierFindings {

    record Earlier(long firstSeenRun, Instant firstSeenAt) {
    }

    private final JdbcTemplate jdbc;

    EarlierFindings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Keyed by {@link #key(String, String)}. */
    Map<String, Earlier> of(long previousRun, SnapshotPage page) {
        Map<String, Earlier> earlier = new HashMap<>();
        jdbc.query("SELECT share_uid, policy_id, first_seen_run, first_seen_at FROM finding "
                + "WHERE run_id = ? AND share_uid > ? AND share_uid <= ? AND status <> 'RESOLVED'",
                rs -> {
                    earlier.put(key(rs.getString(1), rs.getString(2)),
                            new Earlier(rs.getLong(3), rs.getObject(4, OffsetDateTime.class).toInstant()));
                }, previousRun, page.after(), page.last());
        return earlier;
    }

    static String key(String shareUid, String policyId) {
        return shareUid + '\u0000' + policyId;
    }
}
