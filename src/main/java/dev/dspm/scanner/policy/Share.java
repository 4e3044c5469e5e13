package dev.dspm.scanner.policy;

import java.time.Instant;

import dev.dspm.scanner.manus.AssetType;
import dev.dspm.scanner.manus.ShareScope;
import dev.dspm.scanner.manus.TeamUser;

/**
 * A share as the rules see it: every field {@code team.asset.list} returns. {@code permission} is the
 * EFFECTIVE scope (the API applies {@code max_permission} before answering), so that is what rules judge.
 * Enums are parsed, with the raw strings beside them: {@code assetType} is null and {@code permission}
 * {@link ShareScope#UNKNOWN} for a value this build does not know, never lost. Any field may be null
 * (the API marks none required), except {@code uid}. {@code owner} is the member who owns it, when the run enriched
 * owners and could match {@code ownerId}: an owner the job cannot match is unknown, never departed.
 */
public record Share(
        String uid,
        AssetType assetType,
        String assetTypeRaw,
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
        TeamUser owner) {

    /** When the share last changed, or was issued if it never changed since: what staleness is measured from. */
    public Instant lastActiveAt() {
        return lastOperatedAt != null ? lastOperatedAt : sharedAt;
    }

    /** The same share, owned by {@code owner}. */
    public Share withOwner(TeamUser owner) {
        return new Share(uid, assetType, assetTypeRaw, assetName, assetId, sharedAt, lastOperatedAt, ownerId, sessionId,
                assetExists, permission, permissionRaw, maxPermission, maxPermissionRaw, owner);
    }

    /** Reachable by someone other than its owner (team or public), by its effective scope. */
    public boolean exposed() {
        return permission == ShareScope.TEAM_ONLY || permission == ShareScope.PUBLIC;
    }
}
