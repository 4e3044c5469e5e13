package dev.dspm.scanner;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.dspm.scanner.snapshot.SnapshotDatabase;

/**
 * A real database migrated by the application's SQL migrations (common and the vendor's), for a test that drives a
 * class against its tables without starting the job. A connection is held until {@link #close()}: H2 closes a file
 * database with its last connection, and a connection opened while it closes has been seen to find no tables.
 */
public final class MigratedDatabase implements AutoCloseable {

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
        String url = TestDatabases.of(kind, dir);
        boolean h2 = kind.equals("H2");
        MigratedDatabase migrated = new MigratedDatabase(new DriverManagerDataSource(url, TestDatabases.user(url),
                TestDatabases.password(url)), h2 ? SnapshotDatabase.H2 : SnapshotDatabase.POSTGRESQL);
        Flyway.configure().dataSource(migrated.dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + (h2 ? "h2" : "postgresql"))
                .javaMigrations(javaMigrations).load().migrate();
        return migrated;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public SnapshotDatabase database() {
        return database;
    }

    @Override
    public void close() throws SQLException {
        keepOpen.close();
    }
}
