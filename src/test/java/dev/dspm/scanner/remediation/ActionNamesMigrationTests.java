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
            finding(jdbc, 1, "shr_1", "public-file-share", "Q3 board deck");
            finding(jdbc, 1, "shr_1", "sensitive-name-exposed", "not this policy's");
            finding(jdbc, 2, "shr_1", "public-file-share", "Q3 board deck (renamed)");
            finding(jdbc, 2, "shr_2", "sensitive-name-exposed", "not this share's");
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

    private static void finding(JdbcTemplate jdbc, long run, String share, String policy, String name) {
        jdbc.update("INSERT INTO finding (run_id, share_uid, policy_id, status, severity, seen, asset_type, asset_name, "
                + "first_seen_run, first_seen_at, last_seen_run, last_seen_at) VALUES (?, ?, ?, 'OPEN', 'HIGH', TRUE, "
                + "'FILE_SHARE', ?, 1, ?, ?, ?)", run, share, policy, name, Timestamp.from(Instant.EPOCH), run,
                Timestamp.from(Instant.EPOCH));
    }

    private static void action(JdbcTemplate jdbc, long run, String share, String policy) {
        jdbc.update("INSERT INTO remediation_action (run_id, share_uid, policy_id, asset_type, from_scope, to_scope, note, "
                + "status, updated_at) VALUES (?, ?, ?, 'FILE_SHARE', 'PUBLIC', 'TEAM_ONLY', 'a note', 'APPLIED', ?)",
                run, share, policy, Timestamp.from(Instant.EPOCH));
    }
}
