package dev.dspm.scanner.findings;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.dspm.scanner.policy.PolicyRule;
import dev.dspm.scanner.policy.Share;
import dev.dspm.scanner.snapshot.BinaryCopy;
import dev.dspm.scanner.snapshot.SnapshotDatabase;

/**
 * Writes a chunk's findings in the transaction that also saves the reader's position, so a restarted step
 * writes none twice: on PostgreSQL as one binary COPY into {@code judged_finding}, as the scan writes its shares (the
 * server parses no statement per row and no text), moved into {@code finding} by {@link SeenFindings} at the end; on H2
 * as one JDBC batch into {@code finding}, with first seen as {@link EarlierFindings} found it.
 */
class FindingWriter implements ItemWriter<List<JudgedFinding>> {

    private static final String INSERT = "INSERT INTO finding (run_id, share_uid, policy_id, status, severity, seen, "
            + "asset_type, asset_name, owner_id, permission, permission_raw, max_permission, max_permission_raw, asset_exists, "
            + "first_seen_run, first_seen_at, last_seen_run, last_seen_at, waiver_key, waiver_active) "
            + "VALUES (?, ?, ?, ?, ?, TRUE, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String COPY = "COPY judged_finding (run_id, share_uid, policy_id, status, severity, asset_type, "
            + "asset_name, owner_id, permission, permission_raw, max_permission, max_permission_raw, asset_exists, waiver_key, "
            + "waiver_active) FROM STDIN (FORMAT binary)";
    private static final int FIELDS = 15;

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final SnapshotDatabase database;
    private final JudgedRun run;

    FindingWriter(DataSource dataSource, SnapshotDatabase database, JudgedRun run) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.database = database;
        this.run = run;
    }

    @Override
    public void write(Chunk<? extends List<JudgedFinding>> chunk) throws SQLException {
        List<JudgedFinding> rows = new ArrayList<>();
        chunk.forEach(rows::addAll);
        if (rows.isEmpty()) {
            return;
        }
        if (database == SnapshotDatabase.POSTGRESQL) {
            // Asynchronous commit, as the scan's chunks: a crash can lose the newest chunks, but only whole, together
            // with the reader's position committed beside them: a restart judges them again.
            BinaryCopy.copy(dataSource, COPY, true, out -> {
                for (JudgedFinding row : rows) {
                    row(out, row);
                }
            });
        } else {
            Timestamp seen = Timestamp.from(run.startedAt());
            jdbc.batchUpdate(INSERT, rows, rows.size(), (statement, row) -> bind(statement, row, seen));
        }
    }

    private void row(BinaryCopy out, JudgedFinding row) throws SQLException {
        Share share = row.finding().share();
        PolicyRule policy = row.finding().policy();
        out.row(FIELDS);
        out.bigint(run.runId());
        out.text(share.uid());
        out.text(policy.id());
        out.text(row.status().name());
        out.text(policy.severity().name());
        out.text(storedType(share));
        out.text(share.assetName());
        out.text(share.ownerId());
        out.text(share.permission() == null ? null : share.permission().name());
        out.text(share.permissionRaw());
        out.text(share.maxPermission() == null ? null : share.maxPermission().name());
        out.text(share.maxPermissionRaw());
        out.bool(share.assetExists());
        out.text(row.waiverKey());
        out.bool(row.waiverActive());
    }

    private void bind(PreparedStatement statement, JudgedFinding row, Timestamp seen) throws SQLException {
        Share share = row.finding().share();
        PolicyRule policy = row.finding().policy();
        statement.setLong(1, run.runId());
        statement.setString(2, share.uid());
        statement.setString(3, policy.id());
        statement.setString(4, row.status().name());
        statement.setString(5, policy.severity().name());
        statement.setString(6, storedType(share));
        statement.setString(7, share.assetName());
        statement.setString(8, share.ownerId());
        statement.setString(9, share.permission() == null ? null : share.permission().name());
        statement.setString(10, share.permissionRaw());
        statement.setString(11, share.maxPermission() == null ? null : share.maxPermission().name());
        statement.setString(12, share.maxPermissionRaw());
        statement.setObject(13, share.assetExists());
        statement.setLong(14, row.firstSeenRun());
        statement.setTimestamp(15, Timestamp.from(row.firstSeenAt()));
        statement.setLong(16, run.runId());
        statement.setTimestamp(17, seen);
        statement.setString(18, row.waiverKey());
        statement.setObject(19, row.waiverActive());
    }

    /** As the snapshot and scan_partition store it: the lifecycle matches findings to partitions by it. */
    private static String storedType(Share share) {
        return share.assetType() != null ? share.assetType().name() : share.assetTypeRaw();
    }
}
