package dev.dspm.scanner.scan;

class RunInProgressException extends RuntimeException {
    RunInProgressException(String message) {
        super(message);
    }
}
