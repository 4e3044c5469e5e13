package dev.dspm.scanner.snapshot;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.dspm.scanner.config.ConfigurationException;

/** The databases the snapshot can live in, and what differs in how the scan writes to each. */
public enum SnapshotDatabase {

    POSTGRESQL,
    /**
     * One file written by one process: partitions written side by side only contend for it (measured at
     * a million shares: 43 s with four writers, 20 s with one), so H2 gets one writer at a time.
     */
    H2;

    /**
     * Brings the planner's statistics up to date for tables a step has just filled. PostgreSQL plans a query on a run's
     * fresh rows from statistics that have not seen them (autovacuum analyzes them later): a join of a night's 257,000
     * remediation actions with its findings, planned as if the run had none, ran for more than ten minutes. H2 needs
     * nothing.
     */
    public void refreshStatistics(JdbcTemplate jdbc, String... tables) {
        if (this == POSTGRESQL) {
            jdbc.execute("ANALYZE " + String.join(", ", tables));
        }
    }

    /** Whether the scan's partitions must take turns to write (they still fetch their pages side by side). */
    public boolean oneWriterAtATime() {
        return this == H2;
    }

    static SnapshotDatabase of(DataSource dataSource) throws SQLException {
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
        }
        return switch (product) {
            case "PostgreSQL" -> POSTGRESQL;
            case "H2" -> H2;
            default -> throw new ConfigurationException("spring.datasource.url: " + product
                    + " is not supported; use an H2 file or PostgreSQL");
        };
    }
}
