package dev.dspm.scanner.policy.drools;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.dspm.scanner.manus.AssetType;
import dev.dspm.scanner.manus.ShareScope;
import dev.dspm.scanner.manus.TeamRole;
import dev.dspm.scanner.manus.TeamUser;
import dev.dspm.scanner.manus.UserStatus;
import dev.dspm.scanner.policy.PolicyLoadException;
import dev.dspm.scanner.policy.RunContext;
import dev.dspm.scanner.policy.Share;

/**
 * Runs a freshly compiled pack once over a handful of made-up shares, every type and scope, so that a
 * rule that fails only when it runs (a setting it reads is missing or of the wrong kind, a method that
 * throws) stops the start-up, before any request, rather than the evaluation after an hour of scanning.
 */
final class TrialRun {

    private TrialRun() {
    }

    static void check(PolicyPack pack) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        List<Share> shares = new ArrayList<>();
        List<AssetType> types = new ArrayList<>(List.of(AssetType.values()));
        types.add(null);
        for (AssetType type : types) {
            for (ShareScope scope : ShareScope.values()) {
                for (Boolean exists : new Boolean[] { true, false, null }) {
                    shares.add(new Share("trial-" + shares.size(), type, type == null ? "ASSET_TYPE_NEW" : type.wireName(),
                            "trial payroll share", "asset", now.minusSeconds(86_400L * 400), null, "owner", null, exists,
                            scope, scope.name(), scope, scope.name(), null));
                }
            }
        }
        Share empty = new Share("trial-empty", null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        shares.add(empty);
        // exposed shares with owners as enrichment may give them: every status and role, and one with nothing but its id
        List<Share> exposed = shares.stream().filter(share -> share.exposed() && Boolean.TRUE.equals(share.assetExists())).toList();
        for (UserStatus status : UserStatus.values()) {
            for (TeamRole role : TeamRole.values()) {
                TeamUser owner = new TeamUser("owner", "delegate-1@manus.im", "trial", status, status.name(), role, role.name(),
                        "colleague@example.com", "former@example.com");
                exposed.forEach(share -> shares.add(share.withOwner(owner)));
            }
        }
        TeamUser bare = new TeamUser("owner", null, null, UserStatus.UNKNOWN, null, TeamRole.UNKNOWN, null, null, null);
        exposed.forEach(share -> shares.add(share.withOwner(bare)));
        try {
            new Judge(pack, new RunContext(0, now, pack.settings())).judge(shares);
        } catch (RuntimeException e) {
            throw new PolicyLoadException(List.of(pack.dir() + ": a rule fails when it runs: " + describe(e)));
        }
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !text.toString().contains(t.getMessage())) {
                text.append(text.isEmpty() ? "" : "; ").append(t.getMessage().replaceAll("\\s+", " ").strip());
            }
        }
        return text.toString();
    }
}
