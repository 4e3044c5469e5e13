package dev.dspm.scanner.findings;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.dspm.scanner.policy.Share;
import dev.dspm.scanner.snapshot.SnapshotDatabase;

/**
 * The previous run's unresolved findings of one page of shares, looked up by the page's uids through the finding
 * table's primary key (run, uid): a page's worth of rows per query, never the whole previous run in memory. H2 only:
 * on PostgreSQL these lookups were a million index probes a night at a million shares, and {@link SeenFindings} joins
 * the two runs' findings once instead. (H2 runs a statement of a night's findings several times slower than the
 * batches of the evaluation's chunks: there, the lookups are the cheaper way.)
 */
class EarlierFindings {

    record Earlier(long firstSeenRun, Instant firstSeenAt) {
    }

    private final JdbcTemplate jdbc;
    private final SnapshotDatabase database;

    EarlierFindings(JdbcTemplate jdbc, SnapshotDatabase database) {
        this.jdbc = jdbc;
        this.database = database;
    }

    /**
     * Keyed by {@link #key(String, String)}. The uids go as one array joined to the key: H2 answers an IN list by
     * scanning the whole previous run (it uses the key's run_id alone), and a join with the array a uid at a time.
     */
    Map<String, Earlier> of(long previousRun, SnapshotPage page) {
        if (database == SnapshotDatabase.POSTGRESQL) {
            return Map.of();
        }
        String[] uids = page.shares().stream().map(Share::uid).toArray(String[]::new);
        Map<String, Earlier> earlier = new HashMap<>();
        jdbc.query("SELECT f.share_uid, f.policy_id, f.first_seen_run, f.first_seen_at "
                + "FROM UNNEST(CAST(? AS VARCHAR ARRAY)) AS page(uid) JOIN finding f ON f.run_id = ? AND f.share_uid = page.uid "
                + "WHERE f.status <> 'RESOLVED'",
                rs -> {
                    earlier.put(key(rs.getString(1), rs.getString(2)),
                            new Earlier(rs.getLong(3), rs.getObject(4, OffsetDateTime.class).toInstant()));
                }, uids, previousRun);
        return earlier;
    }

    static String key(String shareUid, String policyId) {
        return shareUid + '\u0000' + policyId;
    }
}
