package dev.dspm.scanner.snapshot;

import java.sql.SQLException;
import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The snapshot's write path and run tables for the database the datasource points at. */
@Configuration(proxyBeanMethods = false)
class SnapshotStorageConfiguration {

    @Bean
    SnapshotDatabase snapshotDatabase(DataSource dataSource) throws SQLException {
        return SnapshotDatabase.of(dataSource);
    }

    @Bean
    SnapshotStore snapshotStore(SnapshotDatabase database, DataSource dataSource) {
        return database == SnapshotDatabase.POSTGRESQL ? new CopySnapshotStore(dataSource)
                : new InsertSnapshotStore(new JdbcTemplate(dataSource));
    }

    @Bean
    RunTables runTables(SnapshotDatabase database, DataSource dataSource) {
        return database == SnapshotDatabase.POSTGRESQL ? new PostgresRunTables(dataSource)
                : new H2RunTables(new JdbcTemplate(dataSource));
    }
}
