package dev.dspm.scanner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The database floor loads exactly the shares it was given, awkward text and absent fields included, into both databases. */
class FloorRowsTests {

    private static final String[] ASSETS = {
            """
            {"uid":"shr_1","asset_name":"say \\"hi\\", then\\nleave\\t\\\\ 会议记录 🎉","asset_id":"fil_1",
             "shared_at":"2026-10-31T23:55:57Z","last_operated_at":"2026-11-01T00:00:00.123Z","owner_id":"usr_1",
             "session_id":"ses_1","asset_exists":false,"permission":"SHARE_SCOPE_PUBLIC","max_permission":"SHARE_SCOPE_NEW"}""",
            """
            {"uid":"shr_2","asset_name":"  padded, with nul \\u0000  ","asset_id":""}""",
            """
            {"uid":"shr_3"}""" };

    private static EmbeddedPostgres postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    void h2LoadsEveryValueAsWritten() throws Exception {
        assertLoadsEveryValue("jdbc:h2:file:" + dir.resolve("floor"), "sa", "");
    }

    @Test
    void postgresLoadsEveryValueAsWritten() throws Exception {
        assertLoadsEveryValue(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
    }

    private void assertLoadsEveryValue(String url, String user, String password) throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        List<Object[]> rows = new ArrayList<>();
        for (String asset : ASSETS) {
            rows.add(ShareColumns.values(1, "ASSET_TYPE_FILE_SHARE", json.readTree(asset)));
        }
        Path file = dir.resolve("rows.csv");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Object[] row : rows) {
                FloorRows.row(out, row);
            }
        }

        BulkLoad.main(new String[] { file.toString(), url, user, password });

        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement();
                ResultSet stored = statement.executeQuery("SELECT " + ShareColumns.NAMES + " FROM floor_share ORDER BY uid")) {
            for (Object[] expected : rows) {
                assertThat(stored.next()).isTrue();
                for (int i = 0; i < expected.length; i++) {
                    assertThat(value(stored, i + 1, expected[i])).as("column %d of %s", i + 1, expected[1]).isEqualTo(
                            expected[i] instanceof String text ? text.replace('\0', '\uFFFD') : expected[i]);
                }
            }
            assertThat(stored.next()).isFalse();
        }
        assertThat(rows.get(2)[3]).isNull();
        assertThat(rows.get(1)[4]).isEqualTo("");
    }

    private static Object value(ResultSet stored, int column, Object expected) throws Exception {
        if (expected instanceof OffsetDateTime time) {
            return stored.getObject(column, OffsetDateTime.class).withOffsetSameInstant(time.getOffset());
        }
        return expected == null ? stored.getObject(column) : stored.getObject(column, expected.getClass());
    }
}
