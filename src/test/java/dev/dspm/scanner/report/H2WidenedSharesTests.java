package dev.dspm.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.dspm.scanner.MigratedDatabase;
import dev.dspm.scanner.snapshot.RunTables;

/**
 * H2's widened shares, from both snapshots read as stored, are the shares the join of the two by their key finds, in
 * the report's order (widest tonight first, then uid): every pair of scopes, UNKNOWN before or after, shares new and
 * gone, in one slice and in many.
 */
class H2WidenedSharesTests {

    static final String[] SCOPES = { "OWNER", "TEAM_ONLY", "PUBLIC", "UNKNOWN" };

    @TempDir
    Path dir;

    @ParameterizedTest(name = "slice {0}")
    @ValueSource(ints = { H2WidenedShares.SLICE, 97 })
    void theSharesWiderTonightAreThoseTheJoinByTheKeyFindsInTheReportsOrder(int slice) throws Exception {
        try (MigratedDatabase h2 = MigratedDatabase.of("H2", dir)) {
            JdbcTemplate jdbc = new JdbcTemplate(h2.dataSource());
            snapshot(jdbc, 1, new Random(1));
            snapshot(jdbc, 2, new Random(2));
            List<Changes.WidenedShare> joined = jdbc.query("SELECT c.uid, c.asset_type, c.asset_name, c.owner_id, "
                    + "p.permission, c.permission FROM share_snapshot_2 c JOIN share_snapshot_1 p ON p.uid = c.uid WHERE "
                    + WidenedShares.rank("p") + " > 0 AND " + WidenedShares.rank("c") + " > " + WidenedShares.rank("p")
                    + " ORDER BY " + WidenedShares.rank("c") + " DESC, c.uid", WidenedShares.ROW);
            assertThat(joined.stream().map(w -> w.before() + ">" + w.after()).distinct())
                    .as("every way to widen, in a table with every other pair too")
                    .containsExactlyInAnyOrder("OWNER>TEAM_ONLY", "OWNER>PUBLIC", "TEAM_ONLY>PUBLIC");
            assertThat(joined).as("more than a batch of candidates").hasSizeGreaterThan(1_000);

            List<Changes.WidenedShare> found = new ArrayList<>();
            new TransactionTemplate(new DataSourceTransactionManager(h2.dataSource())).executeWithoutResult(status ->
                    new H2WidenedShares(jdbc, slice).forEach(2, 1, found::add));

            assertThat(found).isEqualTo(joined);
        }
    }

    /** 10,000 uids of which each night has about nine in ten, at any scope (a few without one): over a thousand widen. */
    private static void snapshot(JdbcTemplate jdbc, long runId, Random random) {
        String table = RunTables.name(runId);
        jdbc.execute("CREATE TABLE " + table + " (run_id BIGINT NOT NULL, uid VARCHAR NOT NULL PRIMARY KEY, "
                + "asset_type VARCHAR(100), asset_name VARCHAR, owner_id VARCHAR, permission VARCHAR(20))");
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            if (random.nextInt(10) > 0) {
                String scope = random.nextInt(50) == 0 ? null : SCOPES[random.nextInt(SCOPES.length)];
                rows.add(new Object[] {runId, "shr_" + i, "FILE_SHARE", "file " + i + " of night " + runId, "usr_" + i % 13,
                    scope});
            }
        }
        jdbc.batchUpdate("INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?, ?)", rows);
    }
}
