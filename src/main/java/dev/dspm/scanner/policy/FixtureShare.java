package dev.dspm.scanner.policy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.nodes.Node;

import dev.dspm.scanner.manus.AssetType;
import dev.dspm.scanner.manus.Rfc3339;
import dev.dspm.scanner.manus.ShareScope;

/**
 * The {@code share:} of a policy test, written as {@code team.asset.list} returns a share (its wire field
 * names) plus {@code asset_type}, and parsed as the scan parses one: a field left out is null as on the
 * wire, an unknown asset type is kept raw with a null {@code assetType}, an unknown scope is UNKNOWN with
 * its raw string. A field name the API does not have is a mistake, not an extra: a typo must not leave a
 * field silently null.
 */
final class FixtureShare {

    static final List<String> FIELDS = List.of("uid", "asset_type", "asset_name", "asset_id", "shared_at",
            "last_operated_at", "owner_id", "session_id", "asset_exists", "permission", "max_permission");

    private FixtureShare() {
    }

    /** The share, or empty with a problem line for each field that is wrong. */
    static Optional<Share> parse(YamlFile yaml, Node node, String defaultUid, List<String> problems) {
        int before = problems.size();
        Map<String, Node> fields = PolicyFixtures.fields(yaml, node, "share", FIELDS, problems);
        Map<String, String> text = PolicyFixtures.scalars(yaml, "share", fields, problems);
        Instant sharedAt = time(yaml, fields.get("shared_at"), text.get("shared_at"), "shared_at", problems);
        Instant lastOperatedAt = time(yaml, fields.get("last_operated_at"), text.get("last_operated_at"), "last_operated_at",
                problems);
        Boolean exists = bool(yaml, fields.get("asset_exists"), text.get("asset_exists"), problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        String typeRaw = text.get("asset_type");
        AssetType type = AssetType.parse(typeRaw).orElse(null);
        String uid = text.get("uid");
        String permission = text.get("permission");
        String maxPermission = text.get("max_permission");
        return Optional.of(new Share(uid != null ? uid : defaultUid, type, type != null ? type.wireName() : typeRaw,
                text.get("asset_name"), text.get("asset_id"), sharedAt, lastOperatedAt, text.get("owner_id"),
                text.get("session_id"), exists, ShareScope.fromWire(permission), permission,
                ShareScope.fromWire(maxPermission), maxPermission, null));
    }

    /**
     * An RFC 3339 time with its offset ({@code 2026-11-01T00:00:00Z}), read by the client's own parser so that a
     * fixture takes exactly the times the API's answers may carry; null when left out or null.
     */
    static Instant time(YamlFile yaml, Node node, String text, String name, List<String> problems) {
        if (text == null) {
            return null;
        }
        Instant time = Rfc3339.parse(text);
        if (time == null) {
            problems.add(yaml.at(node) + name + ": \"" + text + "\" is not an RFC 3339 time such as 2026-11-01T00:00:00Z");
        }
        return time;
    }

    private static Boolean bool(YamlFile yaml, Node node, String text, List<String> problems) {
        if (text == null) {
            return null;
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.valueOf(text);
        }
        problems.add(yaml.at(node) + "share: asset_exists must be true, false or null, not \"" + text + "\"");
        return null;
    }
}
