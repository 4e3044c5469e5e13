package dev.dspm.scanner.bench;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import org.h2.tools.Csv;
import org.postgresql.PGConnection;

/**
 * The database's floor, run in its own JVM with the scanner's heap: load the prepared rows into a table with
 * no index by the database's fastest bulk path, then build the primary key once, each timed. PostgreSQL:
 * {@code COPY FROM STDIN} of the file. H2 (in this JVM, as in the job's): a batched prepared INSERT committed
 * every 5,000 rows, the file read by H2's own CSV reader. One {@code INSERT ... SELECT FROM CSVREAD} looks
 * faster but is one transaction whose undo log H2 keeps: at 200,000 rows it took 33-47 s against 9-21 s
 * batched (CREATE TABLE AS SELECT: 22-37 s), on this machine under load.
 * Prints {@code BULK_LOAD <load s> <key s> <rows>}.
 *
 * <p>{@code java dev.dspm.scanner.bench.BulkLoad <csv-file> <jdbc-url> <user> <password>}
 */
public final class BulkLoad {

    private static final int COMMIT = 5000;

    private BulkLoad() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String url = args[1];
        try (Connection connection = DriverManager.getConnection(url, args[2], args[3]);
                Statement statement = connection.createStatement()) {
            statement.execute(ShareColumns.createTable("floor_share", ""));
            long start = System.nanoTime();
            if (url.startsWith("jdbc:h2:")) {
                batchedInsert(connection, file);
            } else {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                    connection.unwrap(PGConnection.class).getCopyAPI()
                            .copyIn("COPY floor_share (" + ShareColumns.NAMES + ") FROM STDIN (FORMAT csv)", in);
                }
            }
            double load = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            statement.execute("ALTER TABLE floor_share ADD PRIMARY KEY (uid)");
            double key = (System.nanoTime() - start) / 1e9;
            try (ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM floor_share")) {
                count.next();
                System.out.printf(Locale.ROOT, "BULK_LOAD %.3f %.3f %d%n", load, key, count.getLong(1));
            }
        }
    }

    private static void batchedInsert(Connection connection, Path file) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO floor_share (" + ShareColumns.NAMES
                + ") VALUES (" + "?, ".repeat(ShareColumns.COUNT - 1) + "?)");
                ResultSet rows = new Csv().read(file.toString(), ShareColumns.NAMES.split(", "), "UTF-8")) {
            for (int n = 1; rows.next(); n++) {
                for (int i = 1; i <= ShareColumns.COUNT; i++) {
                    insert.setString(i, rows.getString(i));
                }
                insert.addBatch();
                if (n % COMMIT == 0) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
        connection.setAutoCommit(true);
    }
}
