package dev.dspm.scanner.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.dspm.scanner.MigratedDatabase;
import dev.dspm.scanner.manus.Asset;
import dev.dspm.scanner.manus.AssetPage;
import dev.dspm.scanner.manus.AssetType;
import dev.dspm.scanner.manus.RawJson;

/** The seal on a real H2 file and a real PostgreSQL, driven directly: the rules the scan relies on. */
class SealTests {

    static final long RUN = 7;
    static final PartitionLedger.Planned FILES = new PartitionLedger.Planned("FILE_SHARE", "FILE_SHARE", null);

    @TempDir
    Path dir;

    DataSource dataSource;
    JdbcClient jdbc;
    RunTables tables;
    SnapshotStore store;
    PartitionLedger ledger;

    MigratedDatabase database;

    void database(String kind) throws SQLException {
        database = MigratedDatabase.of(kind, dir, new V6__Snapshot_table_per_run());
        dataSource = database.dataSource();
        jdbc = JdbcClient.create(dataSource);
        boolean h2 = kind.equals("H2");
        tables = h2 ? new H2RunTables(new JdbcTemplate(dataSource)) : new PostgresRunTables(dataSource);
        store = h2 ? new InsertSnapshotStore(new JdbcTemplate(dataSource)) : new CopySnapshotStore(dataSource);
        ledger = new PartitionLedger(jdbc);
        jdbc.sql("INSERT INTO scan_run (run_id, tenant, started_at, status, read_key_type, asset_types, page_size) "
                + "VALUES (?, 'tenant', CURRENT_TIMESTAMP, 'RUNNING', 'AUDIT', 'FILE_SHARE', 100)").param(RUN).update();
        ledger.plan(RUN, List.of(FILES));
        tables.create(RUN);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void theCopyReadLastWinsWhatEverOrderTheRowsWereWrittenIn(String kind) throws Exception {
        database(kind);
        // The page read second is written first: the rule is the order of reading, not of writing.
        List<ListedPage> later = List.of(new ListedPage(1, 100, page(3, asset("shr_a", "read second"), asset("shr_b", "b"))));
        List<ListedPage> earlier = List.of(new ListedPage(1, 0, page(3, asset("shr_a", "read first"), asset("shr_c", "c"))));
        store.append(RUN, later);
        store.append(RUN, earlier);
        scanned(3);

        String verdict = seal();

        assertThat(verdict).isEqualTo(Seal.COMPLETE);
        assertThat(jdbc.sql("SELECT asset_name FROM share_snapshot WHERE run_id = ? AND uid = 'shr_a'").param(RUN)
                .query(String.class).list()).containsExactly("read second");
        assertThat(count("SELECT COUNT(*) FROM share_snapshot WHERE run_id = ?")).isEqualTo(3);
        assertThat(tables.hasKey(RUN)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void aLaterPassWinsOverAnEarlierOneAtTheSameOffset(String kind) throws Exception {
        database(kind);
        store.append(RUN, List.of(new ListedPage(2, 0, page(1, asset("shr_a", "second pass")))));
        store.append(RUN, List.of(new ListedPage(1, 50, page(1, asset("shr_a", "first pass")))));
        scanned(1);

        assertThat(seal()).isEqualTo(Seal.COMPLETE);
        assertThat(jdbc.sql("SELECT asset_name FROM share_snapshot WHERE run_id = ?").param(RUN).query(String.class).list())
                .containsExactly("second pass");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void readersSeeARunOnlyOnceItIsSealedAndASealCutShortIsDoneAgain(String kind) throws Exception {
        database(kind);
        store.append(RUN, List.of(new ListedPage(1, 0, page(2, asset("shr_a", "a"), asset("shr_b", "b")))));
        scanned(2);
        assertThat(count("SELECT COUNT(*) FROM share_snapshot WHERE run_id = ?")).isZero();
        // A crash after the key was built but before the run was marked sealed.
        inTransaction(() -> assertThat(tables.addKey(RUN)).isTrue());
        assertThat(count("SELECT COUNT(*) FROM share_snapshot WHERE run_id = ?")).isZero();

        assertThat(seal()).isEqualTo(Seal.COMPLETE);

        assertThat(count("SELECT COUNT(*) FROM share_snapshot WHERE run_id = ?")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM scan_run WHERE run_id = ? AND sealed_at IS NOT NULL AND complete")).isEqualTo(1);

        // A restart after the seal committed but before the step did: the same verdict, nothing changed.
        assertThat(seal()).isEqualTo(Seal.COMPLETE);
        assertThat(count("SELECT COUNT(*) FROM share_snapshot WHERE run_id = ?")).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void storedRowsThatFallShortOfTheTotalAreIncomplete(String kind) throws Exception {
        database(kind);
        store.append(RUN, List.of(new ListedPage(1, 0, page(3, asset("shr_a", "a"), asset("shr_b", "b"), asset("shr_a", "a")))));
        scanned(3);

        assertThat(seal()).isEqualTo(Seal.INCOMPLETE);
        assertThat(count("SELECT COUNT(*) FROM scan_partition WHERE run_id = ? AND stored = 2 AND NOT complete")).isEqualTo(1);
        assertThat(seal()).as("sealed again after a restart").isEqualTo(Seal.INCOMPLETE);
    }

    /** The count can match by chance (one share gone, another come): a total that moved is never complete. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void aTotalThatMovedDuringTheLastReadIsIncompleteEvenWhenTheCountMatches(String kind) throws Exception {
        database(kind);
        store.append(RUN, List.of(new ListedPage(1, 0, page(2, asset("shr_a", "a"), asset("shr_b", "b")))));
        ledger.record(RUN, FILES.key(), PassTally.of(List.of(new ListedPage(1, 0, page(3)), new ListedPage(1, 100, page(2))), 1));
        ledger.finish(RUN, FILES.key());

        assertThat(seal()).isEqualTo(Seal.INCOMPLETE);
        assertThat(count("SELECT COUNT(*) FROM scan_partition WHERE run_id = ? AND stored = 2 AND last_total = 2 "
                + "AND total_changed AND NOT complete")).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2" })
    void aPartitionThatNeverFinishedFailsTheRunUnsealed(String kind) throws SQLException {
        database(kind);
        store.append(RUN, List.of(new ListedPage(1, 0, page(1, asset("shr_a", "a")))));
        ledger.record(RUN, FILES.key(), PassTally.of(List.of(new ListedPage(1, 0, page(1))), 1));

        assertThatThrownBy(this::seal).isInstanceOf(IncompleteScanException.class).hasMessageContaining("FILE_SHARE");
        assertThat(count("SELECT COUNT(*) FROM scan_run WHERE run_id = ? AND sealed_at IS NULL")).isEqualTo(1);
    }

    @AfterEach
    void close() throws SQLException {
        if (database != null) {
            database.close();
        }
    }

    /** The ledger as a finished partition whose pages all reported {@code total}. */
    private void scanned(long total) {
        ledger.record(RUN, FILES.key(), PassTally.of(List.of(new ListedPage(1, 0, page(total))), 1));
        ledger.finish(RUN, FILES.key());
    }

    private String seal() throws Exception {
        StepExecution step = new StepExecution("seal", new JobExecution(1, new JobInstance(RUN, "shareScan"), new JobParameters()));
        StepContribution contribution = new StepContribution(step);
        Seal seal = new Seal(ledger, new Runs(jdbc), tables, Clock.systemUTC());
        // In its own transaction, as the job runs it.
        inTransaction(() -> seal.execute(contribution, null));
        return contribution.getExitStatus().getExitCode();
    }

    private void inTransaction(Callable<?> work) throws Exception {
        try {
            new TransactionTemplate(new DataSourceTransactionManager(dataSource)).execute(status -> {
                try {
                    return work.call();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (IllegalStateException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private long count(String sql) {
        return jdbc.sql(sql.replace("?", String.valueOf(RUN))).query(Long.class).single();
    }

    private static AssetPage page(long total, Asset... assets) {
        return new AssetPage(List.of(assets), total, 100, 0, "req", 0);
    }

    private static Asset asset(String uid, String name) {
        return new Asset(AssetType.FILE_SHARE, uid, name, "fil_1", Instant.parse("2026-01-01T00:00:00Z"), null, "usr_1",
                null, true, null, null, null, null, RawJson.of("{\"uid\":\"" + uid + "\"}"));
    }
}
