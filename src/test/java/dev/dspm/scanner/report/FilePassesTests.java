package dev.dspm.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class FilePassesTests {

    /** A file that records what it was handed, on whichever thread. */
    static class Recording implements ReportFile.Pass {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final List<String> threads = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void widened(Changes.WidenedShare share) {
            record("widened");
        }

        @Override
        public void actions(long widened) {
            record("actions");
        }

        @Override
        public void findings() {
            record("findings");
        }

        @Override
        public void end() throws IOException {
            record("end");
        }

        void row(String row) {
            record(row);
        }

        void record(String call) {
            calls.add(call);
            threads.add(Thread.currentThread().getName());
        }
    }

    @Test
    void everyFileIsHandedEveryCallInOrderAcrossBatches() throws IOException {
        Recording csv = new Recording();
        Recording json = new Recording();
        FilePasses passes = new FilePasses(List.of("report.csv", "report.json"), List.of(csv, json));
        passes.each(pass -> pass.actions(0));
        int count = FilePasses.BATCH * 2 + 17; // two full batches and a short one, flushed at the end
        List<String> expected = new ArrayList<>(List.of("actions"));
        passes.<String>rows((pass, row) -> ((Recording) pass).row(row), sink -> {
            for (int i = 0; i < count; i++) {
                sink.accept("row " + i);
                expected.add("row " + i);
            }
        });
        passes.each(ReportFile.Pass::findings);
        expected.add("findings");
        expected.add("end");

        passes.end();

        assertThat(csv.calls).containsExactlyElementsOf(expected);
        assertThat(json.calls).containsExactlyElementsOf(expected);
        assertThat(csv.threads).as("each file on a thread of its own").containsOnly("report-report.csv");
        assertThat(json.threads).containsOnly("report-report.json");
    }

    @Test
    void filesAreWrittenSideBySideNotOneAfterTheOther() throws IOException {
        // The page waits for the CSV to have its first row: on one thread, one file after the other, it never would.
        CountDownLatch csvHasARow = new CountDownLatch(1);
        AtomicInteger pageRows = new AtomicInteger();
        Recording page = new Recording() {
            @Override
            void row(String row) {
                try {
                    if (!csvHasARow.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the CSV was not written while the page was");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                pageRows.incrementAndGet();
            }
        };
        Recording csv = new Recording() {
            @Override
            void row(String row) {
                csvHasARow.countDown();
            }
        };
        FilePasses passes = new FilePasses(List.of("report.html", "report.csv"), List.of(page, csv));
        passes.<String>rows((pass, row) -> ((Recording) pass).row(row), sink -> sink.accept("row"));

        passes.end();

        assertThat(pageRows).hasValue(1);
    }

    @Test
    void aFileThatFailsStopsTheReaderAndEndThrowsItsFailure() {
        Recording good = new Recording();
        Recording failing = new Recording() {
            @Override
            void row(String row) {
                if (row.equals("row 10")) {
                    throw new IllegalStateException("disk full at row 10");
                }
            }
        };
        // names of this test's own, so that its threads are told from any other's
        FilePasses passes = new FilePasses(List.of("abandoned.csv", "abandoned.ocsf.jsonl"), List.of(good, failing));
        AtomicInteger read = new AtomicInteger();

        assertThatThrownBy(() -> passes.<String>rows((pass, row) -> ((Recording) pass).row(row), sink -> {
            for (int i = 0; i < 1_000_000; i++) {
                sink.accept("row " + i);
                read.incrementAndGet();
            }
        })).hasMessage("disk full at row 10");
        passes.abandon();

        assertThat(read.get()).as("the reader stops within the batches queued, not at the end of a million rows")
                .isLessThan(FilePasses.BATCH * 8);
        assertThat(good.calls).as("no file ends: none is committed").doesNotContain("end");
        assertThat(Thread.getAllStackTraces().keySet()).as("abandoned, no file's thread is left waiting for rows")
                .noneMatch(t -> t.getName().startsWith("report-abandoned.") && t.isAlive());
    }

    @Test
    void abandonReturnsOnlyOnceNoFileIsBeingWritten() throws InterruptedException {
        // After abandon() the report closes and deletes its files: a pass still writing would write into a closed file.
        CountDownLatch writing = new CountDownLatch(1);
        Recording slow = new Recording() {
            @Override
            void row(String row) {
                writing.countDown();
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
                while (System.nanoTime() < until) {
                    Thread.onSpinWait(); // deaf to the interrupt, as a write to a stream is
                }
                record("written");
            }
        };
        FilePasses passes = new FilePasses(List.of("slow.csv"), List.of(slow));
        passes.<String>rows((pass, row) -> ((Recording) pass).row(row), sink -> sink.accept("row"));
        assertThat(writing.await(30, TimeUnit.SECONDS)).isTrue();

        passes.abandon();

        assertThat(slow.calls).as("the row in hand was finished before abandon() returned").containsExactly("written");
    }

    @Test
    void anUncheckedFailureAtTheEndIsThrownAsItWas() {
        Recording failing = new Recording() {
            @Override
            public void end() {
                throw new IllegalStateException("the page's template is missing");
            }
        };
        FilePasses passes = new FilePasses(List.of("report.html"), List.of(failing));

        assertThatThrownBy(passes::end).isInstanceOf(IllegalStateException.class).hasMessage("the page's template is missing");
    }

    @Test
    void aFailureAtTheEndIsThrownAsItWas() {
        Recording failing = new Recording() {
            @Override
            public void end() throws IOException {
                throw new IOException("no space left on device");
            }
        };
        FilePasses passes = new FilePasses(List.of("report.sarif", "report.csv"), List.of(failing, new Recording()));

        assertThatThrownBy(passes::end).isInstanceOf(IOException.class).hasMessage("no space left on device");
    }
}
