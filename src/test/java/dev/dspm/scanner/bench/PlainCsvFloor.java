package dev.dspm.scanner.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The floor of issue 14's report benchmark: a run's finding rows (every column, in the primary key's order, fetched
 * {@value #FETCH_SIZE} at a time in a transaction, as the report's own query reads them) written as plain CSV, no
 * quoting and no escaping, into one file; or only read and dropped, to tell the database's share from the writing.
 *
 * <p>{@code java PlainCsvFloor <read|csv> <jdbc url> <user> <password> <run id> <output file> <results file>}, in a
 * JVM of the benchmark's heap ({@link ReportBenchmark} starts it); the results file has {@link ProgramResults#ROWS}
 * and {@link ProgramResults#PEAK_LIVE_HEAP}.
 */
final class PlainCsvFloor {

    static final int FETCH_SIZE = 1_000;
    /** The primary key's order, named in full so that H2 reads it from the key rather than sorting (as the report does). */
    static final String SELECT = "SELECT * FROM finding WHERE run_id = ? ORDER BY run_id, share_uid, policy_id";

    private PlainCsvFloor() {
    }

    public static void main(String[] args) throws IOException {
        LiveHeap heap = LiveHeap.watch();
        boolean write = switch (args[0]) {
            case "csv" -> true;
            case "read" -> false;
            default -> throw new IllegalArgumentException("first argument: read or csv, got " + args[0]);
        };
        long rows;
        try (SingleConnectionDataSource dataSource = new SingleConnectionDataSource(args[1], args[2], args[3], true)) {
            long runId = Long.parseLong(args[4]);
            if (write) {
                // As RunReport writes its files: UTF-8 through a 64 KiB buffer.
                try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(Path.of(args[5])),
                        StandardCharsets.UTF_8), 1 << 16)) {
                    rows = copy(dataSource, runId, out);
                }
            } else {
                rows = copy(dataSource, runId, null);
            }
        }
        ProgramResults.write(Path.of(args[6]), Map.of(ProgramResults.ROWS, rows, ProgramResults.PEAK_LIVE_HEAP, heap.peakBytes()));
    }

    /** The run's rows, each column as its text; written under a header line when {@code out} is given. Returns the rows. */
    static long copy(DataSource dataSource, long runId, Writer out) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.setFetchSize(FETCH_SIZE);
        // PostgreSQL streams through a cursor only inside a transaction, as the report step's is.
        Long rows = new TransactionTemplate(new DataSourceTransactionManager(dataSource))
                .execute(status -> jdbc.query(SELECT, rs -> out == null ? read(rs) : write(rs, out), runId));
        return rows == null ? 0 : rows;
    }

    private static long read(ResultSet rs) throws SQLException {
        int columns = rs.getMetaData().getColumnCount();
        long rows = 0;
        long chars = 0;
        while (rs.next()) {
            for (int c = 1; c <= columns; c++) {
                String value = rs.getString(c);
                chars += value == null ? 0 : value.length();
            }
            rows++;
        }
        // The text read is used, so no JIT can skip decoding it.
        return chars < 0 ? -1 : rows;
    }

    private static long write(ResultSet rs, Writer out) throws SQLException {
        try {
            int columns = rs.getMetaData().getColumnCount();
            for (int c = 1; c <= columns; c++) {
                out.write(rs.getMetaData().getColumnLabel(c).toLowerCase(Locale.ROOT));
                out.write(c < columns ? ',' : '\n');
            }
            long rows = 0;
            while (rs.next()) {
                for (int c = 1; c <= columns; c++) {
                    String value = rs.getString(c);
                    if (value != null) {
                        out.write(value);
                    }
                    out.write(c < columns ? ',' : '\n');
                }
                rows++;
            }
                        return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
