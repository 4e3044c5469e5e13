package dev.dspm.scanner.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.manus.RawJson;

/**
 * What a real PostgreSQL reads back from our binary COPY: every value exactly, whatever falls on the
 * boundaries of the 64 KiB block the rows are gathered in.
 */
class BinaryCopyTests {

    record Row(long id, Boolean flag, Instant at, String text, String json) {
    }

    Connection connection;

    @BeforeEach
    void connect() throws SQLException {
        connection = TestDatabases.connect(TestDatabases.postgres());
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id bigint, flag boolean, at timestamptz, text text, json text)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void valuesComeBackExactlyIncludingNullsTimesBefore2000AndNonLatinText() throws SQLException {
        List<Row> rows = List.of(
                new Row(Long.MIN_VALUE, true, Instant.parse("1999-12-31T23:59:59.250001Z"), "a,b\"c\nd", "{}"),
                new Row(-1, false, Instant.parse("2026-11-26T09:00:00.000001Z"), "机密 合同 Gehalt مرتب", "{\"n\":\"é\"}"),
                new Row(Long.MAX_VALUE, null, null, null, "{\"uid\":\"x\"}"));

        assertThat(copyAndReadBack(rows)).containsExactlyElementsOf(rows);
    }

    @Test
    void timesKeepMicrosecondsAndDropNanoseconds() throws SQLException {
        Row row = new Row(1, true, Instant.parse("2024-02-29T12:34:56.123456789Z"), "t", "{}");

        assertThat(copyAndReadBack(List.of(row)).get(0).at()).isEqualTo(Instant.parse("2024-02-29T12:34:56.123456Z"));
    }

    /** PostgreSQL text cannot hold NUL; a name the API sent with an escaped NUL is stored, not refused. */
    @Test
    void aNulInATextIsStoredAsTheReplacementCharacter() throws SQLException {
        List<Row> rows = List.of(new Row(1, true, Instant.EPOCH, "bad\0name\0", "{}"),
                new Row(2, true, Instant.EPOCH, "\0first", "{}"));

        assertThat(copyAndReadBack(rows)).extracting(Row::text).containsExactly("bad\uFFFDname\uFFFD", "\uFFFDfirst");
    }

    /** Values larger than the block, and many small rows whose fields straddle block boundaries at every offset. */
    @Test
    void valuesLargerThanTheBlockAndRowsAcrossManyBlocksArriveWhole() throws SQLException {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(0, true, Instant.EPOCH, "名".repeat(40_000), "{\"name\":\"" + "x".repeat(200_000) + "\"}"));
        for (int i = 1; i <= 5_000; i++) {
            rows.add(new Row(i, i % 3 == 0 ? null : i % 2 == 0, Instant.ofEpochSecond(i, i * 1_000L), "n".repeat(i % 97),
                    "{\"i\":" + i + "}"));
        }
        rows.add(new Row(5_001, false, Instant.EPOCH, "z", "{\"tail\":\"" + "y".repeat(70_000) + "\"}"));

        assertThat(copyAndReadBack(rows)).containsExactlyElementsOf(rows);
    }

    private List<Row> copyAndReadBack(List<Row> rows) throws SQLException {
        BinaryCopy copy = new BinaryCopy(connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY t (id, flag, at, text, json) FROM STDIN (FORMAT binary)"));
        for (Row row : rows) {
            copy.row(5);
            copy.bigint(row.id());
            copy.bool(row.flag());
            copy.timestamp(row.at());
            copy.text(row.text());
            // a slice in the middle of a larger body, as a share arrives inside its page
            byte[] json = row.json().getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[json.length + 20];
            System.arraycopy(json, 0, body, 7, json.length);
            copy.text(new RawJson(body, 7, json.length));
        }
        copy.end();
        List<Row> back = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT id, flag, at, text, json FROM t ORDER BY id")) {
            while (result.next()) {
                OffsetDateTime at = result.getObject(3, OffsetDateTime.class);
                back.add(new Row(result.getLong(1), result.getObject(2, Boolean.class), at == null ? null : at.toInstant(),
                        result.getString(4), result.getString(5)));
            }
        }
        return back;
    }
}
