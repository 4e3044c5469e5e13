package dev.dspm.scanner.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariDataSource;

class BatchedInsertsTests {

    @Test
    void postgresqlSendsBatchesAsMultiRowInserts() {
        HikariDataSource dataSource = dataSource("jdbc:postgresql://db.internal:5432/dspm");

        new BatchedInserts().postProcessAfterInitialization(dataSource, "dataSource");

        assertThat(dataSource.getDataSourceProperties()).containsEntry(BatchedInserts.SETTING, "true");
    }

    @Test
    void aUrlThatNamesTheSettingKeepsItsOwnValue() {
        HikariDataSource dataSource = dataSource("jdbc:postgresql://db.internal/dspm?reWriteBatchedInserts=false");

        new BatchedInserts().postProcessAfterInitialization(dataSource, "dataSource");

        assertThat(dataSource.getDataSourceProperties()).doesNotContainKey(BatchedInserts.SETTING);
    }

    @Test
    void h2IsLeftAlone() {
        // H2 refuses a connection setting it does not know
        HikariDataSource dataSource = dataSource("jdbc:h2:file:./data/dspm");

        new BatchedInserts().postProcessAfterInitialization(dataSource, "dataSource");

        assertThat(dataSource.getDataSourceProperties()).isEmpty();
    }

    private static HikariDataSource dataSource(String url) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        return dataSource;
    }
}
