package dev.dspm.scanner.scan;

import java.util.concurrent.locks.ReentrantLock;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Makes the partitions' chunk transactions write one at a time when the database wants a single writer (H2: one
 * file, where four partitions writing side by side took 43 s to one's 20 s at a million shares), while every
 * partition's pages are still fetched side by side. A chunk's turn starts when its writer is called and ends when its
 * transaction commits or rolls back, so no two transactions hold uncommitted rows at once; the pages read before it
 * wait for the turn in their partition's chunk. Before, H2 ran the partitions one after another, and every partition's
 * last pages (a Retry-After of a second each under shedding, issue 27) held the whole scan with nothing else fetched.
 *
 * <p>Not from the chunk's first read: a partition holding the turn while its next page waits out a Retry-After kept
 * every other partition from reading, and the scan under shedding was no faster than one partition at a time.
 */
final class WriteTurns {

    private final ReentrantLock turn = new ReentrantLock(true);
    private final boolean oneAtATime;

    WriteTurns(boolean oneAtATime) {
        this.oneAtATime = oneAtATime;
    }

    /**
     * Waits for the calling transaction's turn to write and holds it until the transaction ends; a transaction that has
     * it already takes it again at once (the lock is reentrant, and each take is released at the end). Without a
     * transaction, or on a database with no need, it does nothing.
     */
    void take() {
        if (!oneAtATime || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        turn.lock();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                turn.unlock();
            }
        });
    }

    /** Whether some partition's transaction has the turn now. */
    boolean taken() {
        return turn.isLocked();
    }
}
