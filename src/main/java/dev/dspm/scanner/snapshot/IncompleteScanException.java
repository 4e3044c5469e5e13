package dev.dspm.scanner.snapshot;

class IncompleteScanException extends RuntimeException {
    IncompleteScanException(String message) {
        super(message);
    }
}
