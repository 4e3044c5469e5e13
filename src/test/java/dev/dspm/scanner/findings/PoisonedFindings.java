package dev.dspm.scanner.findings;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.api.Trigger;

/**
 * An H2 trigger on {@code finding} that refuses the findings of one share, as a database that breaks mid-evaluation
 * does (a rule that throws no longer fails the night: its share is recorded instead). The job runs in the test's JVM,
 * so the test names the share by the static field; it drops the trigger to let the run resume.
 */
public class PoisonedFindings implements Trigger {

    static volatile String shareUid;

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        if (newRow[1].equals(shareUid)) {
            throw new SQLException("the test's trigger refuses the finding of share " + newRow[1]);
        }
    }
}
