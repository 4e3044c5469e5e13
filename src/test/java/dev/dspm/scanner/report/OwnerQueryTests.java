package dev.dspm.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.dspm.scanner.MigratedDatabase;
import dev.dspm.scanner.report.OwnerOverview.TopOwner;

/**
 * The owners' one grouped count: who has the most open findings (and who, with none open, is not ranked at all), and
 * the findings of each owner and owner status for the findings table's filters, all findings counted.
 */
class OwnerQueryTests {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void ranksOnlyOpenFindingsAndCountsEveryFindingForTheFilters(String kind) throws Exception {
        try (MigratedDatabase db = MigratedDatabase.of(kind, dir)) {
            JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
            db.finding(1, "s1", "p", "NEW", "LOW", "usr_ann");
            db.finding(1, "s2", "p", "OPEN", "LOW", "usr_ann");
            db.finding(1, "s3", "p", "RESOLVED", "CRITICAL", "usr_ann");
            db.finding(1, "s4", "p", "OPEN", "HIGH", "usr_bob");
            db.finding(1, "s5", "p", "NEW", "CRITICAL", "usr_cid");
            db.finding(1, "s6", "p", "RESOLVED", "CRITICAL", "usr_dee"); // nothing open: not ranked
            db.finding(1, "s7", "p", "EXCEPTED", "HIGH", "usr_dee");
            db.finding(1, "s8", "p", "NEW", "CRITICAL", null); // no owner: not ranked
            db.finding(2, "s9", "p", "NEW", "CRITICAL", "usr_eve"); // another run
            member(jdbc, 1, "usr_ann", "ann@acme.example", "ACTIVE");
            member(jdbc, 1, "usr_dee", "dee@acme.example", "INACTIVE");

            OwnerQuery.Owned owned = new OwnerQuery(JdbcClient.create(db.dataSource())).read(1);

            assertThat(owned.overview().top()).containsExactly(
                    new TopOwner("usr_ann", "ann@acme.example", "ACTIVE", 2, 0, 0),
                    new TopOwner("usr_cid", null, null, 1, 1, 0),
                    new TopOwner("usr_bob", null, null, 1, 0, 1));
            Map<String, Long> owners = new HashMap<>(Map.of("ann@acme.example", 3L, "usr_bob", 1L, "usr_cid", 1L,
                    "dee@acme.example", 2L));
            owners.put(null, 1L); // the findings table's dash
            assertThat(owned.owners()).as("by the address a member has, else by id; every status counted")
                    .isEqualTo(owners);
            assertThat(owned.statuses()).as("members' statuses only").isEqualTo(Map.of("ACTIVE", 3L, "INACTIVE", 2L));
            assertThat(owned.overview().enriched()).as("no run_owners row: the owners were not listed").isFalse();
        }
    }

    private static void member(JdbcTemplate jdbc, long run, String id, String email, String status) {
        jdbc.update("INSERT INTO run_owner (run_id, team_user_id, email, status, role) VALUES (?, ?, ?, ?, 'MEMBER')",
                run, id, email, status);
    }
}
