package dev.dspm.scanner.simulator;

import java.nio.charset.StandardCharsets;

/**
 * The v2 ShareScope, in the API's order from tightest to widest. {@link #DOMAIN} stands for a scope a
 * future server knows and today's clients do not: the simulator can show it but never accepts it.
 */
enum Scope {
    OWNER("SHARE_SCOPE_OWNER"),
    TEAM_ONLY("SHARE_SCOPE_TEAM_ONLY"),
    DOMAIN("SHARE_SCOPE_DOMAIN"),
    PUBLIC("SHARE_SCOPE_PUBLIC");

    private final String wire;
    private final byte[] wireBytes;

    Scope(String wire) {
        this.wire = wire;
        this.wireBytes = wire.getBytes(StandardCharsets.US_ASCII);
    }

    String wire() {
        return wire;
    }

    byte[] wireBytes() {
        return wireBytes;
    }

    Scope min(Scope other) {
        return compareTo(other) <= 0 ? this : other;
    }

    /** Only the scopes a client may send; null when the value is not one of them. */
    static Scope parseRequestable(String value) {
        for (Scope scope : values()) {
            if (scope != DOMAIN && scope.wire.equals(value)) {
                return scope;
            }
        }
        return null;
    }

    static Scope requireRequestable(String value) {
        Scope scope = parseRequestable(value);
        if (scope == null) {
            throw new IllegalArgumentException("not a share scope: " + value);
        }
        return scope;
    }
}
