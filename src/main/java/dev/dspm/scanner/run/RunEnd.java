package dev.dspm.scanner.run;

/**
 * How a run ended and the one line that says so (none for a completed run: its summary says it), for the command to
 * print last; {@code runId} when the run got one.
 */
record RunEnd(RunOutcome outcome, String line, Long runId) {

    RunEnd(RunOutcome outcome, String line) {
        this(outcome, line, null);
    }
}
