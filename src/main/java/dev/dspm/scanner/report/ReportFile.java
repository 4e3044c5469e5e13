package dev.dspm.scanner.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * One file of a run's report. The report reads the run once, in order: its overview, each share that widened, each
 * remediation action, each finding; every file is handed all of it in that one pass and writes what its format holds.
 * A new format is one more implementation, a bean ordered among the others (the page last: it is the one a person
 * opens, so it is committed once the files it points to are).
 */
interface ReportFile {

    /** The file's name in {@code reports/<run-id>/} and {@code latest/}. */
    String name();

    /** Whether the settings ask for this file; the three of the first report always are. */
    default boolean enabled(ReportSettings settings) {
        return true;
    }

    /**
     * Whether this file needs each finding's remediation action ({@link ReportedFinding#remediation()}): the pass then
     * joins them to the findings, which it skips when no file needs them.
     */
    default boolean readsRemediation() {
        return false;
    }

    /** Starts the file on {@code out}; what is written is committed only when the whole pass ended. */
    Pass begin(OutputStream out, ReportInput input) throws IOException;

    /** One file's share of the pass. Each method is called in the pass's order; a file ignores what it does not hold. */
    interface Pass {

        default void widened(Changes.WidenedShare share) {
        }

        /**
         * The widened shares are over, this many of them (counted as they were handed over: the join of two nights'
         * snapshots is not run twice); the remediation actions follow.
         */
        default void actions(long widened) {
        }

        default void action(ReportedAction action) {
        }

        /** The actions are over; the findings follow, worst first. */
        default void findings() {
        }

        default void finding(ReportedFinding finding) {
        }

        /** Everything was handed over: the file writes what it kept and flushes. */
        void end() throws IOException;
    }

    /** UTF-8 text through a buffer big enough that a million findings make few writes. */
    static Writer text(OutputStream out) {
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }
}
