package dev.dspm.scanner.findings;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.api.Trigger;

/**
 * An H2 trigger on {@code finding} that fails the insert of any finding of a share from {@link #from} on, as a database
 * that breaks mid-evaluation does (a rule that throws no longer fails the night: its share is recorded instead). The job
 * runs in the test's JVM, so the test arms and disarms it by the static field.
 */
public class PoisonedFindings implements Trigger {

    static volatile String from;

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        String shareUid = (String) newRow[1];
        String armed = from;
        if (armed != null && shareUid.compareTo(armed) >= 0) {
            throw new SQLException("the test's trigger refuses the finding of share " + shareUid);
        }
    }
}
