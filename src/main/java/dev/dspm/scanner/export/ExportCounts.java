package dev.dspm.scanner.export;

/**
 * What a run's push sent, from its record: for the summary, the metrics and the tests.
 *
 * @param target        the collector, without credentials or query
 * @param status        SENDING (under way, or killed and not resumed yet), SENT or FAILED
 * @param events        the run's events in all, once the push read them all (null before)
 * @param eventsSent    events in batches the collector accepted
 * @param batchesSent   batches the collector accepted
 * @param batchesResent of those, batches sent more than once: retried, or sent again by a resumed run
 * @param error         why the push stopped, for a FAILED one
 */
public record ExportCounts(String target, ExportStatus status, Long events, long eventsSent, long batchesSent,
        long batchesResent, String error) {

    /** A run's push, as a whole. */
    public enum ExportStatus {
        SENDING, SENT, FAILED
    }
}
