package dev.dspm.scanner.bench;

import java.time.Instant;

import dev.dspm.scanner.manus.AssetType;
import dev.dspm.scanner.manus.ShareScope;
import dev.dspm.scanner.policy.Share;
import dev.dspm.scanner.simulator.ListedShare;

/**
 * A share of the simulated tenant as the rules see it after the job listed and stored it: what
 * {@code team.asset.list} answered (the effective permission, {@link ListedShare}) parsed the way the job's
 * client parses it, enums beside their raw strings, a scope this build does not know kept raw as UNKNOWN.
 * FactsTests holds this to the job's own parser over the simulator's HTTP API.
 */
final class Facts {

    private Facts() {
    }

    static Share share(ListedShare listed) {
        return new Share(listed.uid(), AssetType.parse(listed.assetType()).orElse(null), listed.assetType(),
                listed.assetName(), listed.assetId(), instant(listed.sharedAt()), instant(listed.lastOperatedAt()),
                listed.ownerId(), listed.sessionId(), listed.assetExists(), ShareScope.fromWire(listed.permission()),
                listed.permission(), ShareScope.fromWire(listed.maxPermission()), listed.maxPermission(), null);
    }

    private static Instant instant(String rfc3339) {
        return rfc3339 == null ? null : Instant.parse(rfc3339);
    }
}
