package dev.dspm.scanner.simulator;

/**
 * One asset as {@code team.asset.list} shows it, i.e. what a client should end up storing. Wire strings
 * throughout; null means the field is absent on the wire. {@code permission} is the effective scope.
 */
public record ListedShare(
        String uid,
        String assetType,
        String assetName,
        String assetId,
        String sharedAt,
        String lastOperatedAt,
        String ownerId,
        String sessionId,
        boolean assetExists,
        String permission,
        String maxPermission) {
}
