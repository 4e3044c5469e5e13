package dev.dspm.scanner;

import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.postgresql.PGConnection;

/**
 * The database's floor for the benchmark: the time its fastest bulk path takes to load the rows a scan
 * stored, into an empty table with the same primary key. Measured after the scan, on the same machine.
 */
interface DatabaseFloor {

    String COLUMNS = "run_id, uid, asset_type, asset_name, asset_id, shared_at, last_operated_at, owner_id, session_id, "
            + "asset_exists, permission, permission_raw, max_permission, max_permission_raw, raw_json";

    double seconds() throws Exception;

    static DatabaseFloor postgres(String jdbcUrl, Path file) {
        return () -> {
            try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                    Statement statement = connection.createStatement()) {
                var copy = connection.unwrap(PGConnection.class).getCopyAPI();
                try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    copy.copyOut("COPY (SELECT " + COLUMNS + " FROM share_snapshot) TO STDOUT", out);
                }
                statement.execute("CREATE TABLE share_floor (LIKE share_snapshot INCLUDING ALL)");
                long start = System.nanoTime();
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    copy.copyIn("COPY share_floor (" + COLUMNS + ") FROM STDIN", in);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                statement.execute("DROP TABLE share_floor");
                Files.delete(file);
                return seconds;
            }
        };
    }

    static DatabaseFloor h2(String jdbcUrl) {
        return () -> {
            try (Connection connection = DriverManager.getConnection(jdbcUrl, "sa", "");
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE share_floor AS SELECT * FROM share_snapshot WITH NO DATA");
                statement.execute("ALTER TABLE share_floor ALTER COLUMN run_id SET NOT NULL");
                statement.execute("ALTER TABLE share_floor ALTER COLUMN uid SET NOT NULL");
                statement.execute("ALTER TABLE share_floor ADD PRIMARY KEY (run_id, uid)");
                long start = System.nanoTime();
                statement.execute("INSERT INTO share_floor SELECT * FROM share_snapshot");
                double seconds = (System.nanoTime() - start) / 1e9;
                statement.execute("DROP TABLE share_floor");
                return seconds;
            }
        };
    }
}
