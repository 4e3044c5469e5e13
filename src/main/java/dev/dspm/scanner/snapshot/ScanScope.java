package dev.dspm.scanner.snapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.dspm.scanner.manus.AssetType;

/**
 * What part of the tenant a run listed: every share, or only some types, owners, names (a keyword) or a
 * {@code shared_at} window. A filtered run vouches for what it listed and nothing else: remediation acts only on shares
 * it read, and its summary, report and metrics say it was filtered.
 *
 * @param assetTypes the types listed (the enum names, e.g. {@code FILE_SHARE})
 * @param ownerIds   the owners listed; empty for every owner
 */
public record ScanScope(List<String> assetTypes, List<String> ownerIds, String keyword, Instant sharedAfter,
        Instant sharedBefore) {

    public ScanScope {
        assetTypes = List.copyOf(assetTypes);
        ownerIds = List.copyOf(ownerIds);
    }

    /** Whether the run listed less than the whole tenant. */
    public boolean filtered() {
        return assetTypes.size() < AssetType.values().length || !ownerIds.isEmpty() || narrowed();
    }

    /**
     * Whether each partition's listing was narrowed (a keyword or a window): a share missing from it may simply lie
     * outside, so such a run resolves no finding. Types and owners are partitions of their own and need no such care.
     */
    public boolean narrowed() {
        return keyword != null || sharedAfter != null || sharedBefore != null;
    }

    /** The filters as settings, e.g. {@code owner ids usr_1; keyword "pay"}; empty for the whole tenant. */
    public List<String> filters() {
        List<String> filters = new ArrayList<>();
        if (assetTypes.size() < AssetType.values().length) {
            filters.add("asset types " + String.join(", ", assetTypes));
        }
        if (!ownerIds.isEmpty()) {
            filters.add((ownerIds.size() == 1 ? "owner id " : "owner ids ") + String.join(", ", ownerIds));
        }
        if (keyword != null) {
            filters.add("keyword \"" + keyword + "\"");
        }
        if (sharedAfter != null) {
            filters.add("shared after " + sharedAfter);
        }
        if (sharedBefore != null) {
            filters.add("shared before " + sharedBefore);
        }
        return filters;
    }
}
