package dev.dspm.scanner.scan;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import dev.dspm.scanner.ConfigurationException;

/** The databases the snapshot can live in, and what differs in how the scan writes to each. */
public enum SnapshotDatabase {

    POSTGRESQL,
    /**
     * One file written by one process: partitions written side by side only contend for it (measured at
     * a million shares: 43 s with four writers, 20 s with one), so H2 gets one partition at a time.
     */
    H2;

    int partitionThreads(int configured) {
        return this == H2 ? 1 : configured;
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
