package dev.dspm.scanner.scan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@link ScanScope} a run recorded in {@code scan_run} when it began. */
@Component
public class RunScopes {

    private final JdbcClient jdbc;

    public RunScopes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public ScanScope of(long runId) {
        return jdbc.sql("SELECT asset_types, owner_ids, keyword, shared_after, shared_before FROM scan_run WHERE run_id = ?")
                .param(runId).query((rs, n) -> new ScanScope(list(rs.getString(1)), list(rs.getString(2)), rs.getString(3),
                        instant(rs, 4), instant(rs, 5)))
                .optional().orElseThrow(() -> new IllegalStateException("no run " + runId));
    }

    private static List<String> list(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
