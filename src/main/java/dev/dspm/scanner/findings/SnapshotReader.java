package dev.dspm.scanner.findings;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.dspm.scanner.manus.AssetType;
import dev.dspm.scanner.manus.ShareScope;
import dev.dspm.scanner.policy.Share;
import dev.dspm.scanner.snapshot.RunTables;
import dev.dspm.scanner.snapshot.SnapshotDatabase;

/**
 * Reads a sealed run's snapshot a page at a time in the order its rows are stored, straight from the run's own
 * table. Not in uid order: uids are random, so each share read through the uid key was a random read of the
 * table (on H2 a decompressed page per share, half the step's time), where the stored order reads each page of
 * the table once. A sealed table never changes, so the stored order is the same after a restart:
 * <ul>
 * <li>H2: the next {@value #PAGE} rows after the last {@code _ROWID_} handed out, through the table's own key;</li>
 * <li>PostgreSQL: the rows of the next blocks of the table (a TID range scan, PostgreSQL 14 or later), as many
 * blocks as hold about {@value #PAGE} rows.</li>
 * </ul>
 * The position is saved with each commit, so a restarted evaluation carries on after the last committed page:
 * no share judged twice, none skipped. Only the fact columns are read: the raw JSON is most of a row's bytes.
 *
 * <p>The next chunk's pages are read on a thread of its own while the step judges and writes this one's, so that the
 * database's reading and the rules' judging overlap (reading was 37–53% of the step). The table is sealed, so that
 * read needs no part of the chunk's transaction; the saved position is the last page handed out, never one ahead.
 */
class SnapshotReader implements ItemStreamReader<SnapshotPage> {

    static final String POSITION = "evaluate.position";
    /** Where a build that read in uid order kept its position. */
    static final String LAST_UID = "evaluate.last-uid";
    static final int PAGE = 1_000;
    /** Pages read ahead: a chunk's worth, so that the next chunk is read while this one is judged and written. */
    static final int AHEAD = EvaluationConfiguration.PAGES_PER_COMMIT;
    private static final String FACTS = "uid, asset_type, asset_name, asset_id, shared_at, last_operated_at, owner_id, "
            + "session_id, asset_exists, permission, permission_raw, max_permission, max_permission_raw";

    private final JdbcTemplate jdbc;
    private final SnapshotDatabase database;
    private final long runId;
    private final String table;
    private PageOwners owners;
    /** H2: the last _ROWID_ handed out; PostgreSQL: the first block not yet handed out. */
    private long position;
    private long blocks;
    private long blocksPerPage;
    private ExecutorService readAhead;
    /** The pages being read or read and not yet handed out, in order; each read starts where the one before it ended. */
    private final Deque<CompletableFuture<Read>> ahead = new ArrayDeque<>();

    /** A page read (null past the end) and the position after it. */
    private record Read(SnapshotPage page, long next) {
    }

    SnapshotReader(JdbcTemplate jdbc, SnapshotDatabase database, long runId) {
        this.jdbc = jdbc;
        this.database = database;
        this.runId = runId;
        this.table = RunTables.name(runId);
    }

    @Override
    public void open(ExecutionContext context) {
        if (context.containsKey(LAST_UID) && !context.containsKey(POSITION)) {
            // Begun by a build that read in uid order: its pages are no position in this order, so judge again from the start.
            jdbc.update("DELETE FROM finding WHERE run_id = ?", runId);
        }
        position = context.getLong(POSITION, 0);
        owners = new PageOwners(jdbc, database, runId);
        if (database == SnapshotDatabase.POSTGRESQL) {
            blocks = jdbc.queryForObject("SELECT pg_relation_size(CAST(? AS regclass)) / current_setting('block_size')::bigint",
                    Long.class, table);
            // The primary key's build at the seal counted the rows; a page's worth of blocks is a guess, not a bound.
            double rows = jdbc.queryForObject("SELECT reltuples FROM pg_class WHERE oid = CAST(? AS regclass)", Double.class, table);
            blocksPerPage = rows > 0 ? Math.max(1, Math.round(PAGE * blocks / rows)) : 1;
        }
        readAhead = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "snapshot-read-" + runId);
            thread.setDaemon(true);
            return thread;
        });
        ahead.add(CompletableFuture.supplyAsync(() -> readFrom(position), readAhead));
        while (ahead.size() < AHEAD) {
            readAfterLast();
        }
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(POSITION, position);
    }

    @Override
    public SnapshotPage read() {
        Read read = await(ahead.removeFirst());
        position = read.next();
        readAfterLast();
        return read.page();
    }

    @Override
    public void close() {
        if (readAhead != null) {
            // the pages ahead are not handed out: let their queries end before the step's connection work does
            CompletableFuture.allOf(ahead.toArray(CompletableFuture[]::new)).handle((done, failure) -> null).join();
            ahead.clear();
            readAhead.shutdown();
            readAhead = null;
        }
    }

    /** One more page read on the reader's thread, from where the last one asked for ends (past the end: the end again). */
    private void readAfterLast() {
        ahead.add(ahead.getLast().thenApplyAsync(last -> last.page() == null ? last : readFrom(last.next()), readAhead));
    }

    private Read readFrom(long from) {
        return database == SnapshotDatabase.POSTGRESQL ? nextBlocks(from) : nextRows(from);
    }

    private static Read await(CompletableFuture<Read> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private Read nextRows(long from) {
        List<Share> shares = new ArrayList<>(PAGE);
        long[] last = { from };
        jdbc.query("SELECT " + FACTS + ", _ROWID_ FROM " + table + " WHERE _ROWID_ > ? ORDER BY _ROWID_ FETCH FIRST "
                + PAGE + " ROWS ONLY", rs -> {
                    shares.add(share(rs));
                    last[0] = rs.getLong(14);
                }, from);
        return new Read(shares.isEmpty() ? null : new SnapshotPage(owners.attach(shares)), last[0]);
    }

    /** Blocks whose rows were all removed by the seal (a repeated uid's older copies) give an empty page: read on. */
    private Read nextBlocks(long from) {
        for (long start = from; start < blocks;) {
            long end = Math.min(start + blocksPerPage, blocks);
            List<Share> shares = jdbc.query("SELECT " + FACTS + " FROM " + table + " WHERE ctid >= '(" + start
                    + ",0)'::tid AND ctid < '(" + end + ",0)'::tid", (rs, n) -> share(rs));
            start = end;
            if (!shares.isEmpty()) {
                return new Read(new SnapshotPage(owners.attach(shares)), end);
            }
        }
        return new Read(null, blocks);
    }

    /** The share as stored; its owner is attached page by page. */
    private static Share share(ResultSet rs) throws SQLException {
        // The snapshot stores a known type by its short name; rules and fixtures see the wire name, as the API sent it.
        String stored = rs.getString(2);
        AssetType type = AssetType.parse(stored).orElse(null);
        return new Share(rs.getString(1), type, type == null ? stored : type.wireName(), rs.getString(3), rs.getString(4),
                instant(rs.getObject(5, OffsetDateTime.class)), instant(rs.getObject(6, OffsetDateTime.class)), rs.getString(7), rs.getString(8),
                (Boolean) rs.getObject(9), scope(rs.getString(10)), rs.getString(11), scope(rs.getString(12)),
                rs.getString(13), null);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /** The snapshot stores the parsed scope's name (UNKNOWN for a value it did not know) beside the raw string. */
    private static ShareScope scope(String name) {
        return name == null ? null : ShareScope.valueOf(name);
    }
}
