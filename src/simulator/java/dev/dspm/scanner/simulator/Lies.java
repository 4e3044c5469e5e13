package dev.dspm.scanner.simulator;

/**
 * Answers no correct server gives but a broken or hostile one (or a proxy in between) does, each seen in the field
 * or tried by an attacker: a key repeated back, request ids that forge log lines, a page far longer than the limit
 * asked, a listing that never ends, an unknown field nested deeper than parsers allow. Thread-safe; each applies to
 * every answer from the moment it is set until {@link #clear()}. Where {@link Faults} decide whether a request
 * succeeds, these decide what a successful or failed answer says.
 */
public final class Lies {

    private volatile boolean echoKey;
    private volatile String errorCode;
    private volatile String requestId;
    private volatile int pageEntries;
    private volatile long endlessTotal;
    private volatile int unknownFieldDepth;

    /** Every answer repeats the caller's key: as its request id, and in a failure's error code and message. */
    public Lies echoKey() {
        echoKey = true;
        return this;
    }

    /** Every failure carries {@code code} (e.g. {@code deadline_exceeded}, which the API's list leaves out) as its code. */
    public Lies errorCode(String code) {
        errorCode = code;
        return this;
    }

    /** Every answer's request id is {@code text} (e.g. with CR, LF, ESC or bidi controls), instead of the usual. */
    public Lies requestId(String text) {
        requestId = text;
        return this;
    }

    /** Every list page carries {@code entries} assets (the type's shares over and over), whatever limit was asked. */
    public Lies pagesOf(int entries) {
        if (entries < 1) {
            throw new IllegalArgumentException("entries must be >= 1: " + entries);
        }
        pageEntries = entries;
        return this;
    }

    /**
     * Every list page is full (as many made-up shares as the limit asks) and reports {@code total}, however far the
     * offset goes: a listing that never ends.
     */
    public Lies endlessListing(long total) {
        if (total < 1) {
            throw new IllegalArgumentException("total must be >= 1: " + total);
        }
        endlessTotal = total;
        return this;
    }

    /** Every asset carries an unknown field of arrays nested {@code depth} deep. */
    public Lies unknownFieldDepth(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be >= 1: " + depth);
        }
        unknownFieldDepth = depth;
        return this;
    }

    /** Honest answers again. */
    public Lies clear() {
        echoKey = false;
        errorCode = null;
        requestId = null;
        pageEntries = 0;
        endlessTotal = 0;
        unknownFieldDepth = 0;
        return this;
    }

    /** The request id to send: the usual one unless a lie replaces it. */
    String requestId(String usual, String callersKey) {
        if (echoKey && callersKey != null) {
            return callersKey;
        }
        String text = requestId;
        return text != null ? text : usual;
    }

    /** The error code to send: its wire name, or what a lie puts in its place. */
    String errorCode(ErrorCode code, String callersKey) {
        if (echoKey && callersKey != null) {
            return callersKey;
        }
        String other = errorCode;
        return other != null ? other : code.wire();
    }

    String errorMessage(String message, String callersKey) {
        return echoKey && callersKey != null ? message + " (key " + callersKey + ")" : message;
    }

    int pageEntries() {
        return pageEntries;
    }

    long endlessTotal() {
        return endlessTotal;
    }

    int unknownFieldDepth() {
        return unknownFieldDepth;
    }
}
