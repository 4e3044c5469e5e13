package dev.dspm.scanner.remediation;

/** Where one remediation action stands; every change is committed before the next step is taken. */
public enum ActionStatus {
    /** Decided, not yet sent. */
    PLANNED,
    /** About to be sent, or sent with no answer yet: if the process dies now, the next start reads the share to see. */
    IN_FLIGHT,
    /** The share was tightened: the server answered with a request_id, or a re-read showed the change took. */
    APPLIED,
    /** Sent, and the server refused it or did not answer after the retries; the error says which. */
    FAILED,
    /** Not sent; the reason says why. */
    SKIPPED
}
