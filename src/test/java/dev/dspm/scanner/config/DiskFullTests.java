package dev.dspm.scanner.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The causes a full disk leaves in a failure, shaped as H2 and PostgreSQL leave them (H2DiskFullTests fills a real
 * disk): found however deep, and nothing else taken for one.
 */
class DiskFullTests {

    @Test
    void h2sClosedDatabaseStillCarriesTheOperatingSystemsRefusal() {
        // as H2 2.3 ends a run: "The database has been closed" [90098], caused by the MVStore's failed write
        Throwable failure = new DataAccessResourceFailureException("JDBC rollback; The database has been closed [90098-232]",
                new SQLException("The database has been closed [90098-232]", "90098", 90098,
                        new IllegalStateException("Writing to sun.nio.ch.FileChannelImpl@1 failed; length 57344 at 6184960",
                                new IOException("No space left on device"))));

        assertThat(DiskFull.cause(failure)).contains("No space left on device");
    }

    @Test
    void aQuotaAFileSizeLimitAndPostgresqlsDiskFullCountToo() {
        assertThat(DiskFull.cause(new RuntimeException(new IOException("Disk quota exceeded")))).contains("Disk quota exceeded");
        assertThat(DiskFull.cause(new IOException("File too large"))).contains("File too large");
        assertThat(DiskFull.cause(new RuntimeException(new SQLException("could not extend file", "53100"))))
                .contains("SQLState 53100, disk full");
    }

    @Test
    void otherFailuresAreNotADiskFull() {
        assertThat(DiskFull.cause(new DataAccessResourceFailureException("The database has been closed",
                new SQLException("The database has been closed [90098-232]", "90098")))).isEmpty();
        assertThat(DiskFull.cause(new IOException("Connection reset"))).isEmpty();
        assertThat(DiskFull.cause(new SQLException("no space", "53200"))).isEmpty();
        RuntimeException loop = new RuntimeException("x");
        assertThat(DiskFull.cause(new RuntimeException(loop))).isEmpty();
    }
}
