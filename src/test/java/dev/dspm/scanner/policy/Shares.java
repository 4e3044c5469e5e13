package dev.dspm.scanner.policy;

import java.time.Instant;

import dev.dspm.scanner.manus.AssetType;
import dev.dspm.scanner.manus.ShareScope;

/** Shares for rule tests: a plain team-only file share of an existing asset, changed one field at a time. */
public final class Shares {

    public static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");

    private Shares() {
    }

    public static Share of(AssetType type, ShareScope permission) {
        return new Share("uid-" + type + "-" + permission, type, type.wireName(), "Quarterly roadmap", "asset-1",
                NOW.minusSeconds(86_400L * 10), NOW.minusSeconds(86_400L * 5), "owner-1", null, true, permission,
                permission.wireName(), ShareScope.PUBLIC, ShareScope.PUBLIC.wireName(), null);
    }

    public static Share named(Share share, String name) {
        return new Share(share.uid(), share.assetType(), share.assetTypeRaw(), name, share.assetId(), share.sharedAt(),
                share.lastOperatedAt(), share.ownerId(), share.sessionId(), share.assetExists(), share.permission(),
                share.permissionRaw(), share.maxPermission(), share.maxPermissionRaw(), null);
    }

    static Share lastOperated(Share share, Instant lastOperatedAt) {
        return new Share(share.uid(), share.assetType(), share.assetTypeRaw(), share.assetName(), share.assetId(),
                share.sharedAt(), lastOperatedAt, share.ownerId(), share.sessionId(), share.assetExists(), share.permission(),
                share.permissionRaw(), share.maxPermission(), share.maxPermissionRaw(), null);
    }
}
