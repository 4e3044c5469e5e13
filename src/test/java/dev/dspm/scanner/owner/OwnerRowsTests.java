package dev.dspm.scanner.owner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import dev.dspm.scanner.MigratedDatabase;
import dev.dspm.scanner.manus.TeamRole;
import dev.dspm.scanner.manus.TeamUser;
import dev.dspm.scanner.manus.UserStatus;

/** The run's members written as the listing hands them over, on a real H2 file and PostgreSQL. */
class OwnerRowsTests {

    private static final long RUN = 7;
    private static final long OTHER_RUN = 8;

    @TempDir
    Path dir;

    MigratedDatabase database;
    JdbcTemplate jdbc;

    @AfterEach
    void close() throws SQLException {
        if (database != null) {
            database.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void eachPageIsStoredAsItComesAReplacementRewritesItsMemberAndARestartForgetsOnlyThisRun(String kind) throws SQLException {
        OwnerRows rows = rows(kind);
        jdbc.update("INSERT INTO run_owner (run_id, team_user_id, status, role) VALUES (?, 'a', 'ACTIVE', 'MEMBER')", OTHER_RUN);
        jdbc.update("INSERT INTO run_owners (run_id, members, api_total, complete) VALUES (?, 1, 1, TRUE)", OTHER_RUN);
        jdbc.update("INSERT INTO run_owners (run_id, members, api_total, complete) VALUES (?, 2, 2, TRUE)", RUN);
        MemberListing.Sink sink = rows.members(RUN);

        sink.restart();
        assertThat(owners(RUN)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM run_owners WHERE run_id = ?", Long.class, RUN))
                .as("a reading that starts again leaves no record of the one before").isZero();

        sink.add(List.of(user("a", "a@acme.example", UserStatus.ACTIVE), user("b", "b@acme.example", UserStatus.ACTIVE)));
        assertThat(owners(RUN)).as("stored before the listing ends").containsExactly("a a@acme.example ACTIVE",
                "b b@acme.example ACTIVE");

        sink.add(List.of(user("c", "c@acme.example", UserStatus.ACTIVE)));
        sink.replace(List.of(user("b", "b.new@acme.example", UserStatus.INACTIVE)));
        assertThat(owners(RUN)).containsExactly("a a@acme.example ACTIVE", "b b.new@acme.example INACTIVE",
                "c c@acme.example ACTIVE");

        sink.restart();
        assertThat(owners(RUN)).isEmpty();
        assertThat(owners(OTHER_RUN)).as("another run's members").containsExactly("a null ACTIVE");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM run_owners WHERE run_id = ?", Long.class, OTHER_RUN)).isOne();
    }

    private List<String> owners(long runId) {
        return jdbc.queryForList("SELECT team_user_id || ' ' || COALESCE(email, 'null') || ' ' || status FROM run_owner "
                + "WHERE run_id = ? ORDER BY team_user_id", String.class, runId);
    }

    private OwnerRows rows(String kind) throws SQLException {
        database = MigratedDatabase.of(kind, dir);
        jdbc = new JdbcTemplate(database.dataSource());
        return new OwnerRows(jdbc, new DataSourceTransactionManager(database.dataSource()), database.database());
    }

    private static TeamUser user(String id, String email, UserStatus status) {
        return new TeamUser(id, email, "Name " + id, status, "USER_STATUS_" + status.name(), TeamRole.MEMBER,
                "TEAM_MEMBER_ROLE_MEMBER", null, null);
    }
}
