package dev.dspm.scanner.scan;

class IncompleteScanException extends RuntimeException {
    IncompleteScanException(String message) {
        super(message);
    }
}
