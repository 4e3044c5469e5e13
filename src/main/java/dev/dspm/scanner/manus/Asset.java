package dev.dspm.scanner.manus;

import java.time.Instant;

/**
 * One share row as {@code team.asset.list} returned it. Every wire field is optional, so any of
 * these may be null; {@code rawJson} is the whole object exactly as received, unknown fields included.
 * Scopes are parsed, and the raw strings kept, so a value this build does not know is never lost.
 * {@code raw} is the object's bytes as received; {@link #rawJson()} decodes them.
 */
public record Asset(
        AssetType assetType,
        String uid,
        String assetName,
        String assetId,
        Instant sharedAt,
        Instant lastOperatedAt,
        String ownerId,
        String sessionId,
        Boolean assetExists,
        ShareScope permission,
        String permissionRaw,
        ShareScope maxPermission,
        String maxPermissionRaw,
        RawJson raw) {

    public String rawJson() {
        return raw.text();
    }
}
