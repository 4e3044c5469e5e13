package dev.dspm.scanner.run;

class RunInProgressException extends RuntimeException {
    RunInProgressException(String message) {
        super(message);
    }
}
