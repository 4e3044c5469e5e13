package dev.dspm.scanner.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/** A run that failed because its database's disk filled names that disk and the setting that moves the database. */
class FailureCauseTests {

    @Test
    void aFullDiskUnderH2NamesTheFileAndTheSettingNotTheUrlsSecrets() {
        Throwable failure = new DataAccessResourceFailureException("could not write the chunk",
                new SQLException("Writing to file failed", new UncheckedIOException(new IOException("No space left on device"))));

        String line = FailureCause.describe(List.of(new IllegalStateException("step failed", failure)),
                "jdbc:h2:file:/var/data/dspm;PASSWORD=s3cret;COMPRESS=TRUE");

        assertThat(line).isEqualTo("the disk holding the H2 database " + Path.of("/var/data/dspm.mv.db")
                + " is full (No space left on device); the database closed itself and the run stopped: free space there, "
                + "or move the database with spring.datasource.url (e.g. jdbc:h2:file:/var/lib/dspm-scanner/dspm, or a "
                + "PostgreSQL URL)");
    }

    @Test
    void aFullDiskOnAPostgresqlServerNamesTheServerWithoutItsPassword() {
        Throwable failure = new SQLException("could not extend file", "53100");

        assertThat(FailureCause.describe(List.of(failure), "jdbc:postgresql://dspm:s3cret@db:5432/dspm"))
                .isEqualTo("the database server's disk is full (SQLState 53100, disk full, at spring.datasource.url="
                        + "jdbc:postgresql://db:5432/dspm): free space on that server");
    }

    @Test
    void anotherDatabaseFailureIsTheDatabasesOwnMessage() {
        Throwable failure = new DataAccessResourceFailureException("wrapped", new SQLException("The database has been closed"));

        assertThat(FailureCause.describe(List.of(failure), "jdbc:h2:file:/var/data/dspm"))
                .isEqualTo("database error: The database has been closed");
        assertThat(FailureCause.describe(List.of(new DataAccessResourceFailureException("no connection in 2000 ms")),
                "jdbc:h2:file:/var/data/dspm")).as("Spring's alone").isEqualTo("database error: no connection in 2000 ms");
    }
}
