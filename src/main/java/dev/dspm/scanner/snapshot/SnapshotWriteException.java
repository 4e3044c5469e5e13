package dev.dspm.scanner.snapshot;

class SnapshotWriteException extends RuntimeException {
    SnapshotWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
