package dev.dspm.scanner.simulator;

/**
 * One share as the server stores it. Times are epoch seconds (the API's precision). {@code sessionId}
 * is null for types without a session. {@code futureScope} marks a row whose scope is one today's
 * clients do not know; {@code extraField} a row that carries a field they do not know. Both exist so a
 * client is proven to keep what it cannot interpret.
 */
record ShareRow(
        String uid,
        ShareType type,
        String assetName,
        String assetId,
        long sharedAt,
        long lastOperatedAt,
        String ownerId,
        String sessionId,
        boolean assetExists,
        V1Permission raw,
        boolean futureScope,
        boolean extraField) {

    /** The stored scope in v2 terms, before any cap. */
    Scope rawScope() {
        return futureScope ? Scope.DOMAIN : raw.scope();
    }
}
