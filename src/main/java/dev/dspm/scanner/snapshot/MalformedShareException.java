package dev.dspm.scanner.snapshot;

/** The API returned a row the snapshot cannot key; the run fails rather than store a share it cannot track. */
public class MalformedShareException extends RuntimeException {
    public MalformedShareException(String message) {
        super(message);
    }
}
