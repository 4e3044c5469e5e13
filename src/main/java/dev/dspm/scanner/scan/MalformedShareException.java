package dev.dspm.scanner.scan;

/** The API returned a row the snapshot cannot key; the run fails rather than store a share it cannot track. */
class MalformedShareException extends RuntimeException {
    MalformedShareException(String message) {
        super(message);
    }
}
