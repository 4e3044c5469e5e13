package dev.dspm.scanner.config;

/** The exit codes of the external contract (design.md), the only place their numbers are written. */
public enum ExitCode {
    /** The run completed; findings are a normal outcome. */
    COMPLETED(0),
    /** The run failed (API, database, I/O, a remediation action), stopped, or another run holds the tenant's lock. */
    FAILED(1),
    /** Bad configuration or input, caught before any API call, or a key the API refused at the first request. */
    BAD_CONFIGURATION(2),
    /** The run completed with a NEW or OPEN finding at or above {@code dspm.fail-on}. */
    FINDINGS(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
