package dev.dspm.scanner.snapshot;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.datasource.DataSourceUtils;

import dev.dspm.scanner.manus.RawJson;

/**
 * Rows in PostgreSQL's binary COPY format, gathered in one reusable buffer and handed to the driver in
 * large blocks. Binary spares the server parsing text (timestamps go as integers) and the client
 * escaping it; a share's raw JSON goes straight from the response body it arrived in. The scan writes
 * its shares with it, the evaluation its findings, the remediation plan its actions.
 */
public final class BinaryCopy {

    /** What a COPY's caller writes: every row, each begun with {@link #row(int)}. */
    public interface Rows {
        void write(BinaryCopy out) throws SQLException;
    }

    private static final byte[] HEADER = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
            0, 0, 0, 0, // flags
            0, 0, 0, 0 }; // header extension length
    /** PostgreSQL counts timestamps in microseconds from 2000-01-01T00:00:00Z. */
    private static final long POSTGRES_EPOCH_SECOND = 946_684_800L;
    private static final int BUFFER = 1 << 16;

    private final CopyIn copy;
    private final byte[] buffer = new byte[BUFFER];
    private int used;

    /**
     * Runs {@code statement} (a {@code COPY … FROM STDIN (FORMAT binary)}) on the connection of the caller's
     * transaction with the rows {@code rows} writes; a COPY that did not end is cancelled. With {@code asyncCommit}, the
     * transaction's commit does not wait for its WAL flush ({@code synchronous_commit = off} for it alone): the
     * caller says why losing its newest commits to a crash is safe.
     */
    public static void copy(DataSource dataSource, String statement, boolean asyncCommit, Rows rows) throws SQLException {
        // The caller's transaction owns this connection: take it from Spring, never close it here.
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            if (asyncCommit) {
                try (Statement set = connection.createStatement()) {
                    set.execute("SET LOCAL synchronous_commit = off");
                }
            }
            CopyIn copyIn = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(statement);
            try {
                BinaryCopy out = new BinaryCopy(copyIn);
                rows.write(out);
                out.end();
            } finally {
                if (copyIn.isActive()) {
                    copyIn.cancelCopy();
                }
            }
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    public BinaryCopy(CopyIn copy) throws SQLException {
        this.copy = copy;
        bytes(HEADER, 0, HEADER.length);
    }

    public void row(int fields) throws SQLException {
        room(2);
        putShort(fields);
    }

    public void bigint(long value) throws SQLException {
        room(12);
        putInt(8);
        putLong(value);
    }

    public void bool(Boolean value) throws SQLException {
        if (value == null) {
            nul();
            return;
        }
        room(5);
        putInt(1);
        buffer[used++] = (byte) (value ? 1 : 0);
    }

    public void timestamp(Instant value) throws SQLException {
        if (value == null) {
            nul();
            return;
        }
        bigint((value.getEpochSecond() - POSTGRES_EPOCH_SECOND) * 1_000_000 + value.getNano() / 1_000);
    }

    /** A text value; PostgreSQL text cannot hold NUL, so a NUL the API sent escaped is stored as U+FFFD. */
    public void text(String value) throws SQLException {
        if (value == null) {
            nul();
            return;
        }
        byte[] utf8 = (value.indexOf('\0') < 0 ? value : value.replace('\0', '\uFFFD')).getBytes(StandardCharsets.UTF_8);
        lengthPrefixed(utf8, 0, utf8.length);
    }

    /**
     * The object's bytes as they arrived. They hold no NUL: JSON carries control characters only escaped,
     * and the parser refused the page otherwise, skipped fields included.
     */
    void text(RawJson value) throws SQLException {
        lengthPrefixed(value.source(), value.offset(), value.length());
    }

    public void end() throws SQLException {
        room(2);
        putShort(-1);
        flush();
        copy.endCopy();
    }

    private void nul() throws SQLException {
        room(4);
        putInt(-1);
    }

    private void lengthPrefixed(byte[] source, int offset, int length) throws SQLException {
        room(4);
        putInt(length);
        bytes(source, offset, length);
    }

    private void bytes(byte[] source, int offset, int length) throws SQLException {
        if (length > BUFFER - used) {
            flush();
            if (length > BUFFER) {
                copy.writeToCopy(source, offset, length);
                return;
            }
        }
        System.arraycopy(source, offset, buffer, used, length);
        used += length;
    }

    private void room(int bytes) throws SQLException {
        if (BUFFER - used < bytes) {
            flush();
        }
    }

    private void flush() throws SQLException {
        if (used > 0) {
            copy.writeToCopy(buffer, 0, used);
            used = 0;
        }
    }

    private void putShort(int value) {
        buffer[used++] = (byte) (value >>> 8);
        buffer[used++] = (byte) value;
    }

    private void putInt(int value) {
        buffer[used++] = (byte) (value >>> 24);
        buffer[used++] = (byte) (value >>> 16);
        buffer[used++] = (byte) (value >>> 8);
        buffer[used++] = (byte) value;
    }

    private void putLong(long value) {
        putInt((int) (value >>> 32));
        putInt((int) value);
    }
}
