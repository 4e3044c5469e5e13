package dev.dspm.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two partitions' chunk transactions on real transactions: on H2 the second one's write starts only once the first
 * one's transaction has ended (committed or rolled back), not merely its write; elsewhere they write side by side.
 */
class WriteTurnsTests {

    final TransactionTemplate transactions = new TransactionTemplate(new JdbcTransactionManager(h2()));
    final ExecutorService partitions = Executors.newFixedThreadPool(2);
    final List<String> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        partitions.shutdownNow();
    }

    @Test
    void onH2TheNextWriteWaitsForTheFirstTransactionToCommit() throws Exception {
        WriteTurns turns = new WriteTurns(true);
        CountDownLatch commit = new CountDownLatch(1);
        Future<?> first = chunk(turns, "first", commit, false);
        awaitEvent("first wrote");

        Thread[] second = new Thread[1];
        Future<?> secondDone = partitions.submit(() -> {
            second[0] = Thread.currentThread();
            chunkNow(turns, "second");
        });
        awaitWaiting(second);
        assertThat(events).containsExactly("first wrote");
        assertThat(turns.taken()).isTrue();

        commit.countDown();
        first.get();
        secondDone.get();
        assertThat(events).containsExactly("first wrote", "first ended", "second wrote", "second ended");
        assertThat(turns.taken()).isFalse();
    }

    @Test
    void aRolledBackTransactionEndsItsTurnToo() throws Exception {
        WriteTurns turns = new WriteTurns(true);
        CountDownLatch end = new CountDownLatch(1);
        Future<?> first = chunk(turns, "first", end, true);
        awaitEvent("first wrote");
        end.countDown();
        assertThatThrownBy(first::get).hasRootCauseMessage("the chunk failed after its write");

        partitions.submit(() -> chunkNow(turns, "second")).get();

        assertThat(events).containsExactly("first wrote", "first ended", "second wrote", "second ended");
        assertThat(turns.taken()).isFalse();
    }

    @Test
    void onPostgreSqlPartitionsWriteSideBySide() throws Exception {
        WriteTurns turns = new WriteTurns(false);
        CountDownLatch commit = new CountDownLatch(1);
        Future<?> first = chunk(turns, "first", commit, false);
        awaitEvent("first wrote");

        partitions.submit(() -> chunkNow(turns, "second")).get();
        commit.countDown();
        first.get();

        assertThat(events).containsExactly("first wrote", "second wrote", "second ended", "first ended");
    }

    /** A chunk transaction that writes, then holds its transaction open until {@code end}, then commits or fails. */
    private Future<?> chunk(WriteTurns turns, String name, CountDownLatch end, boolean fail) {
        return partitions.submit(() -> transactions.executeWithoutResult(status -> {
            turns.take();
            turns.take(); // a second write in one transaction holds the same turn
            events.add(name + " wrote");
            awaitQuietly(end);
            events.add(name + " ended");
            if (fail) {
                throw new IllegalStateException("the chunk failed after its write");
            }
        }));
    }

    private void chunkNow(WriteTurns turns, String name) {
        transactions.executeWithoutResult(status -> {
            turns.take();
            events.add(name + " wrote");
            events.add(name + " ended");
        });
    }

    private void awaitEvent(String event) throws InterruptedException {
        while (!events.contains(event)) {
            Thread.sleep(1);
        }
    }

    /** Until the thread is parked: waiting for its turn, since nothing else in its chunk blocks. */
    private static void awaitWaiting(Thread[] thread) throws InterruptedException {
        while (thread[0] == null || thread[0].getState() != Thread.State.WAITING) {
            Thread.sleep(1);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JdbcDataSource h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:turns;DB_CLOSE_DELAY=-1");
        return dataSource;
    }
}
