package dev.dspm.scanner.remediation;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.snapshot.BinaryCopy;
import dev.dspm.scanner.snapshot.SnapshotDatabase;

/**
 * Writes a plan's actions into {@code remediation_action}, in the plan's transaction: on PostgreSQL as binary COPY (a
 * million-share tenant's plan is a quarter of a million rows, most of them SKIPPED, and the server parses no statement
 * per row), on H2 as JDBC batches.
 */
@Component
class PlannedActions {

    private static final String COLUMNS = "run_id, share_uid, policy_id, asset_type, asset_name, owner_id, from_scope, "
            + "to_scope, note, status, reason, updated_at";
    private static final String INSERT = "INSERT INTO remediation_action (" + COLUMNS + ") "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String COPY = "COPY remediation_action (" + COLUMNS + ") FROM STDIN (FORMAT binary)";
    private static final int FIELDS = 12;

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final boolean postgres;
    private final Clock clock;

    PlannedActions(DataSource dataSource, SnapshotDatabase database, Clock clock) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.postgres = database == SnapshotDatabase.POSTGRESQL;
        this.clock = clock;
    }

    void add(long runId, List<Action> actions) {
        if (actions.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        if (postgres) {
            try {
                // in the plan's transaction, committed as any other
                BinaryCopy.copy(dataSource, COPY, false, out -> {
                    for (Action a : actions) {
                        out.row(FIELDS);
                        out.bigint(runId);
                        out.text(a.shareUid());
                        out.text(a.policyId());
                        out.text(a.assetType());
                        out.text(a.assetName());
                        out.text(a.ownerId());
                        out.text(a.fromScope());
                        out.text(a.toScope());
                        out.text(a.note());
                        out.text(a.status().name());
                        out.text(a.reason() == null ? null : a.reason().name());
                        out.timestamp(now);
                    }
                });
            } catch (SQLException e) {
                throw new UncategorizedSQLException("writing the plan's actions", COPY, e);
            }
            return;
        }
        jdbc.batchUpdate(INSERT, actions, actions.size(), (ps, a) -> {
            ps.setLong(1, runId);
            ps.setString(2, a.shareUid());
            ps.setString(3, a.policyId());
            ps.setString(4, a.assetType());
            ps.setString(5, a.assetName());
            ps.setString(6, a.ownerId());
            ps.setString(7, a.fromScope());
            ps.setString(8, a.toScope());
            ps.setString(9, a.note());
            ps.setString(10, a.status().name());
            ps.setString(11, a.reason() == null ? null : a.reason().name());
            ps.setTimestamp(12, Timestamp.from(now));
        });
    }
}
