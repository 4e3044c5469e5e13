package dev.dspm.scanner.scan;

class SnapshotWriteException extends RuntimeException {
    SnapshotWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
