package dev.dspm.scanner.findings;

/** Where a finding stands in a run, against the run judged before it. */
public enum FindingStatus {
    /** Violated now, and not in the previous run (or resolved there). */
    NEW,
    /** Violated now and in the previous run; or not seen now because this run's scan of it was incomplete. */
    OPEN,
    /** Violated in the previous run, not now, and this run scanned its share completely. */
    RESOLVED,
    /** Violated, and an active waiver of exceptions.yaml covers it. */
    EXCEPTED
}
