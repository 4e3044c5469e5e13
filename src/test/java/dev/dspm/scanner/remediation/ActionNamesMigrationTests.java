package dev.dspm.scanner.remediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.dspm.scanner.MigratedDatabase;

/**
 * V19 on a database an older release left: each action it finds gets the share's name from its own run's finding of
 * that share and policy, the name the report looked up before, so that an old run's report reads the same.
 */
class ActionNamesMigrationTests {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void actionsWrittenBeforeV19GetTheNameOfTheirRunsFinding(String kind) throws Exception {
        try (MigratedDatabase db = MigratedDatabase.upTo(kind, dir, "17")) {
            JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
            db.finding(1, "shr_1", "public-file-share", "OPEN", "HIGH", null, "Q3 board deck");
            db.finding(1, "shr_1", "sensitive-name-exposed", "OPEN", "HIGH", null, "not this policy's");
            db.finding(2, "shr_1", "public-file-share", "OPEN", "HIGH", null, "Q3 board deck (renamed)");
            db.finding(2, "shr_2", "sensitive-name-exposed", "OPEN", "HIGH", null, "not this share's");
            action(jdbc, 1, "shr_1", "public-file-share");
            action(jdbc, 2, "shr_1", "public-file-share");
            action(jdbc, 2, "shr_2", "public-file-share");

            db.migrate();

            Map<String, String> names = new HashMap<>();
            jdbc.query("SELECT run_id, share_uid, asset_name FROM remediation_action", rs -> {
                names.put(rs.getLong(1) + " " + rs.getString(2), rs.getString(3));
            });
            assertThat(names).containsOnly(entry("1 shr_1", "Q3 board deck"), entry("2 shr_1", "Q3 board deck (renamed)"),
                    entry("2 shr_2", null));
        }
    }

    private static void action(JdbcTemplate jdbc, long run, String share, String policy) {
        jdbc.update("INSERT INTO remediation_action (run_id, share_uid, policy_id, asset_type, from_scope, to_scope, note, "
                + "status, updated_at) VALUES (?, ?, ?, 'FILE_SHARE', 'PUBLIC', 'TEAM_ONLY', 'a note', 'APPLIED', ?)",
                run, share, policy, Timestamp.from(Instant.EPOCH));
    }
}
