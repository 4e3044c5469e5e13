package dev.dspm.scanner;

import dev.dspm.scanner.scan.RunOutcome;

/** The exit codes of the external contract (design.md), from how the run ended. */
final class ExitCodes {

    private ExitCodes() {
    }

    static int of(RunOutcome outcome) {
        return switch (outcome) {
            case COMPLETED -> DspmScannerApplication.EXIT_COMPLETED;
            case FINDINGS_AT_FAIL_ON -> DspmScannerApplication.EXIT_FINDINGS;
            case FAILED, STOPPED, LOCKED -> DspmScannerApplication.EXIT_FAILED;
            case KEY_REFUSED -> DspmScannerApplication.EXIT_BAD_CONFIGURATION;
        };
    }
}
