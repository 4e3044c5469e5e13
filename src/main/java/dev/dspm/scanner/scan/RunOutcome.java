package dev.dspm.scanner.scan;

import org.slf4j.event.Level;

/** How a run ended, as the application turns it into an exit code. */
public enum RunOutcome {
    /** The snapshot was sealed (complete or not: an incomplete partition is recorded, not fatal). */
    COMPLETED,
    /** Completed, with a NEW or OPEN finding at or above {@code dspm.fail-on}. */
    FINDINGS_AT_FAIL_ON,
    /** API, database or I/O failure; a later start resumes the run. */
    FAILED,
    /** Asked to stop (SIGTERM, a lost lock); a later start resumes the run. */
    STOPPED,
    /** Another run for the same tenant holds the lock; nothing was sent. */
    LOCKED,
    /** The API refused the key at the first request; no run was created. */
    KEY_REFUSED;

    /** The level of the run's last line in structured logs. */
    Level level() {
        return switch (this) {
            case COMPLETED -> Level.INFO;
            case FINDINGS_AT_FAIL_ON, STOPPED, LOCKED -> Level.WARN;
            case FAILED, KEY_REFUSED -> Level.ERROR;
        };
    }
}
