package dev.dspm.scanner.findings;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.dspm.scanner.policy.PolicyRule;
import dev.dspm.scanner.policy.Share;

/** Writes a chunk's findings as one JDBC batch, in the transaction that also saves the reader's position. */
class FindingWriter implements ItemWriter<List<JudgedFinding>> {

    static final String INSERT = "INSERT INTO finding (run_id, share_uid, policy_id, status, severity, seen, asset_type, "
            + "asset_name, owner_id, permission, permission_raw, max_permission, max_permission_raw, asset_exists, "
            + "first_seen_run, first_seen_at, last_seen_run, last_seen_at, waiver_key, waiver_active) "
            + "VALUES (?, ?, ?, ?, ?, TRUE, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final JudgedRun run;

    FindingWriter(JdbcTemplate jdbc, JudgedRun run) {
        this.jdbc = jdbc;
        this.run = run;
    }

    @Override
    public void write(Chunk<? extends List<JudgedFinding>> chunk) {
        List<JudgedFinding> rows = new ArrayList<>();
        chunk.forEach(rows::addAll);
        if (!rows.isEmpty()) {
            Timestamp seen = Timestamp.from(run.startedAt());
            jdbc.batchUpdate(INSERT, rows, rows.size(), (statement, row) -> bind(statement, row, seen));
        }
    }

    private void bind(PreparedStatement statement, JudgedFinding row, Timestamp seen) throws SQLException {
        Share share = row.finding().share();
        PolicyRule policy = row.finding().policy();
        statement.setLong(1, run.runId());
        statement.setString(2, share.uid());
        statement.setString(3, policy.id());
        statement.setString(4, row.status().name());
        statement.setString(5, policy.severity().name());
        // As the snapshot and scan_partition store it: the lifecycle matches findings to partitions by it.
        statement.setString(6, share.assetType() != null ? share.assetType().name() : share.assetTypeRaw());
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
}
