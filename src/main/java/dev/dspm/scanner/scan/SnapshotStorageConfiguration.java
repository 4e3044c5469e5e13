package dev.dspm.scanner.scan;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.dspm.scanner.ConfigurationException;

/** The snapshot's write path and run tables for the database the datasource points at. */
@Configuration(proxyBeanMethods = false)
class SnapshotStorageConfiguration {

    @Bean
    SnapshotStore snapshotStore(DataSource dataSource) throws SQLException {
        return postgres(dataSource) ? new CopySnapshotStore(dataSource) : new InsertSnapshotStore(new JdbcTemplate(dataSource));
    }

    @Bean
    RunTables runTables(DataSource dataSource) throws SQLException {
        return postgres(dataSource) ? new PostgresRunTables(dataSource) : new H2RunTables(new JdbcTemplate(dataSource));
    }

    private static boolean postgres(DataSource dataSource) throws SQLException {
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
        }
        return switch (product) {
            case "PostgreSQL" -> true;
            case "H2" -> false;
            default -> throw new ConfigurationException("spring.datasource.url: " + product
                    + " is not supported; use an H2 file or PostgreSQL");
        };
    }
}
