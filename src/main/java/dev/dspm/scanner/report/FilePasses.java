package dev.dspm.scanner.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The report's files written side by side: each file's pass on a thread of its own, handed the rows in batches through
 * a short queue, while this thread reads the database. The files differ in cost (the OCSF events take three times the
 * page's time), so a thread each keeps both cores busy without balancing them by hand; memory stays flat, each queue
 * holding a few batches of rows that every file shares (the rows are records, read and never changed).
 *
 * <p>Each pass sees its calls in the order they were made, as it would on one thread. A pass that throws stops taking
 * rows (its queue is still drained, so the reader never waits on it); the reader stops at its next batch, and
 * {@link #end()} throws the first failure, so that no file of the report is committed.
 */
final class FilePasses {

    static final int BATCH = 1_000;
    private static final int QUEUED_BATCHES = 4;

    private final List<Writer> writers = new ArrayList<>();

    FilePasses(List<String> names, List<ReportFile.Pass> passes) {
        for (int i = 0; i < passes.size(); i++) {
            writers.add(new Writer(names.get(i), passes.get(i)));
        }
        writers.forEach(writer -> writer.thread.start());
    }

    /**
     * Hands every pass each row that {@code source} gives its sink, a batch at a time, the last batch included; returns
     * how many rows there were.
     */
    <T> long rows(BiConsumer<ReportFile.Pass, T> call, Consumer<Consumer<T>> source) {
        Batches<T> batches = new Batches<>(call);
        source.accept(batches);
        batches.flush();
        return batches.count;
    }

    /** Makes one call on every pass, after the rows handed before it. */
    void each(Consumer<ReportFile.Pass> call) {
        for (Writer writer : writers) {
            writer.send(call);
        }
    }

    /** Ends every pass, waits for every thread, and throws the first failure of any. */
    void end() throws IOException {
        writers.forEach(Writer::finish);
        Throwable first = null;
        for (Writer writer : writers) {
            try {
                writer.thread.join();
            } catch (InterruptedException e) {
                abandon();
                Thread.currentThread().interrupt();
                throw new IOException("the report was interrupted while its files were written", e);
            }
            first = first == null ? writer.failure : first;
        }
        rethrow(first);
    }

    /**
     * Stops every thread, the report having failed before its end, and waits for each: a pass in the middle of a batch
     * finishes that batch, and must not be writing while its file is closed and deleted.
     */
    void abandon() {
        writers.forEach(writer -> writer.thread.interrupt());
        boolean interrupted = false;
        for (Writer writer : writers) {
            while (writer.thread.isAlive()) {
                try {
                    writer.thread.join();
                } catch (InterruptedException e) {
                    interrupted = true; // the batch in hand is short; the caller learns of its interrupt after it
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void rethrow(Throwable failure) throws IOException {
        if (failure == null) {
            return;
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof UncheckedIOException unchecked) {
            throw unchecked.getCause();
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new IOException(failure);
    }

    private final class Batches<T> implements Consumer<T> {

        private final BiConsumer<ReportFile.Pass, T> call;
        private List<T> batch = new ArrayList<>(BATCH);
        private long count;

        private Batches(BiConsumer<ReportFile.Pass, T> call) {
            this.call = call;
        }

        @Override
        public void accept(T row) {
            count++;
            batch.add(row);
            if (batch.size() == BATCH) {
                flush();
            }
        }

        private void flush() {
            if (batch.isEmpty()) {
                return;
            }
            List<T> full = batch;
            batch = new ArrayList<>(BATCH);
            each(pass -> full.forEach(row -> call.accept(pass, row)));
        }
    }

    /** One file's thread: it makes the calls it is sent, in order, then ends its pass. */
    private static final class Writer {

        private static final Consumer<ReportFile.Pass> END = pass -> {
        };

        private final BlockingQueue<Consumer<ReportFile.Pass>> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        private final ReportFile.Pass pass;
        private final Thread thread;
        private volatile Throwable failure;

        Writer(String name, ReportFile.Pass pass) {
            this.pass = pass;
            this.thread = new Thread(this::run, "report-" + name);
            this.thread.setDaemon(true);
        }

        void send(Consumer<ReportFile.Pass> call) {
            Throwable failed = failure;
            if (failed instanceof RuntimeException runtime) {
                throw runtime; // the reader stops here; end() or the caller's failure path reports it
            }
            if (failed != null) {
                throw new IllegalStateException(thread.getName() + " failed", failed);
            }
            put(call);
        }

        void finish() {
            put(END);
        }

        private void put(Consumer<ReportFile.Pass> call) {
            try {
                queue.put(call);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the report was interrupted while its files were written", e);
            }
        }

        private void run() {
            try {
                for (Consumer<ReportFile.Pass> call = queue.take(); call != END; call = queue.take()) {
                    Consumer<ReportFile.Pass> next = call;
                    if (failure == null) {
                        failure = attempt(() -> next.accept(pass));
                    }
                }
                if (failure == null) {
                    failure = attempt(pass::end);
                }
            } catch (InterruptedException e) {
                // abandoned: the report failed on the reader's side
            }
        }

        /** What the step threw, kept for the reader's thread to rethrow; null when it returned. */
        private static Throwable attempt(Step step) {
            try {
                step.run();
                return null;
            } catch (Throwable e) {
                return e;
            }
        }
    }

    private interface Step {
        void run() throws IOException;
    }
}
