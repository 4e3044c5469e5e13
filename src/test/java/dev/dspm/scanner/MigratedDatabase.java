package dev.dspm.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.dspm.scanner.findings.FindingStatus;
import dev.dspm.scanner.policy.Severity;
import dev.dspm.scanner.snapshot.SnapshotDatabase;

/**
 * A real database migrated by the application's SQL migrations (common and the vendor's), for a test that drives a
 * class against its tables without starting the job. A connection is held until {@link #close()}: H2 closes a file
 * database with its last connection, and a connection opened while it closes has been seen to find no tables.
 */
public final class MigratedDatabase implements AutoCloseable {

    private static final String FINDING = "INSERT INTO finding (run_id, share_uid, policy_id, status, severity, seen, "
            + "asset_type, owner_id, asset_name, first_seen_run, first_seen_at, last_seen_run, last_seen_at) "
            + "VALUES (?, ?, ?, ?, ?, TRUE, ?, ?, ?, 1, ?, 1, CURRENT_TIMESTAMP)";

    private final DataSource dataSource;
    private final SnapshotDatabase database;
    private final Connection keepOpen;

    private MigratedDatabase(DataSource dataSource, SnapshotDatabase database) throws SQLException {
        this.dataSource = dataSource;
        this.database = database;
        this.keepOpen = dataSource.getConnection();
    }

    /**
     * @param kind           {@code "H2"} (a file in {@code dir}) or {@code "PostgreSQL"}, as {@link TestDatabases#of}
     * @param javaMigrations the Java migrations the test's tables need (they are beans of the application)
     */
    public static MigratedDatabase of(String kind, Path dir, JavaMigration... javaMigrations) throws SQLException {
        return upTo(kind, dir, "latest", javaMigrations);
    }

    /** As {@link #of}, migrated only up to {@code version}: a database an older release left, to test an upgrade. */
    public static MigratedDatabase upTo(String kind, Path dir, String version, JavaMigration... javaMigrations)
            throws SQLException {
        String url = TestDatabases.of(kind, dir);
        MigratedDatabase migrated = new MigratedDatabase(new DriverManagerDataSource(url, TestDatabases.user(url),
                TestDatabases.password(url)), kind.equals("H2") ? SnapshotDatabase.H2 : SnapshotDatabase.POSTGRESQL);
        migrated.flyway(version).javaMigrations(javaMigrations).load().migrate();
        return migrated;
    }

    /** Every migration not yet applied, as the job's start applies them. */
    public void migrate() {
        flyway("latest").load().migrate();
    }

    private FluentConfiguration flyway(String target) {
        return Flyway.configure().dataSource(dataSource).target(target).locations("classpath:db/migration/common",
                "classpath:db/migration/" + (database == SnapshotDatabase.H2 ? "h2" : "postgresql"));
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public SnapshotDatabase database() {
        return database;
    }

    /** The database's plan for a query, as its {@code EXPLAIN} writes it. */
    public String plan(String sql, Object... params) {
        return String.join("\n", new JdbcTemplate(dataSource).queryForList("EXPLAIN " + sql, String.class, params));
    }

    /**
     * Checks that H2 plans each count of run 2's findings from V18's index alone, {@code finding_counts}, over a table
     * of three runs' findings: a slow night's plan, caught in a test.
     */
    public static void assertCountedFromTheIndex(Path dir, String... counts) throws SQLException {
        try (MigratedDatabase h2 = of("H2", dir)) {
            h2.findings(3, 2_000);
            for (String count : counts) {
                assertThat(h2.plan(count, 2L)).as(count).contains("FINDING_COUNTS");
            }
        }
    }

    /** One finding of a file share, first seen in run 1. */
    public void finding(long run, String share, String policy, String status, String severity, String owner) {
        finding(run, share, policy, status, severity, owner, null);
    }

    /** As {@link #finding(long, String, String, String, String, String)}, of a share with this name. */
    public void finding(long run, String share, String policy, String status, String severity, String owner,
            String assetName) {
        new JdbcTemplate(dataSource).update(FINDING, run, share, policy, status, severity, "FILE_SHARE", owner, assetName,
                Timestamp.from(Instant.EPOCH));
    }

    /**
     * {@code count} findings of each of {@code runs} runs (1, 2, ...): every column a count groups by varies, so that a
     * plan is made for a table with rows, not an empty one.
     */
    public void findings(int runs, int count) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        FindingStatus[] statuses = FindingStatus.values();
        Severity[] severities = Severity.values();
        for (int run = 1; run <= runs; run++) {
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                rows.add(new Object[] {run, "shr_" + i, "policy-" + i % 7, statuses[i % statuses.length].name(),
                        severities[i / statuses.length % severities.length].name(), "FILE_SHARE", "usr_" + i % 97, null,
                        Timestamp.from(Instant.EPOCH)});
            }
            jdbc.batchUpdate(FINDING, rows);
        }
        jdbc.execute(database == SnapshotDatabase.H2 ? "ANALYZE" : "ANALYZE finding");
    }

    @Override
    public void close() throws SQLException {
        keepOpen.close();
    }
}
