package dev.dspm.scanner.run;

import org.slf4j.event.Level;

import dev.dspm.scanner.config.ExitCode;

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
    KEY_REFUSED,
    /** A setting or input the run found wrong once it could look (an owner email no member has); nothing was scanned. */
    BAD_CONFIGURATION;

    /** The exit code of the external contract. */
    public ExitCode exitCode() {
        return switch (this) {
            case COMPLETED -> ExitCode.COMPLETED;
            case FINDINGS_AT_FAIL_ON -> ExitCode.FINDINGS;
            case FAILED, STOPPED, LOCKED -> ExitCode.FAILED;
            case KEY_REFUSED, BAD_CONFIGURATION -> ExitCode.BAD_CONFIGURATION;
        };
    }

    /** Completed: findings at {@code dspm.fail-on} are a completed scan too; a failed remediation action is not. */
    public boolean succeeded() {
        return this == COMPLETED || this == FINDINGS_AT_FAIL_ON;
    }

    /** The level of the run's last line in structured logs. */
    public Level level() {
        return switch (this) {
            case COMPLETED -> Level.INFO;
            case FINDINGS_AT_FAIL_ON, STOPPED, LOCKED -> Level.WARN;
            case FAILED, KEY_REFUSED, BAD_CONFIGURATION -> Level.ERROR;
        };
    }
}
