package dev.dspm.scanner.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.nodes.Node;

import dev.dspm.scanner.manus.TeamRole;
import dev.dspm.scanner.manus.TeamUser;
import dev.dspm.scanner.manus.UserStatus;

/**
 * The {@code owner:} of a policy test: the member who owns the share, written as {@code team.user.list} lists a
 * member (its wire field names), parsed as the client parses one. Its {@code team_user_id} is the share's {@code owner_id} unless it says otherwise. A
 * test without an owner judges the share as a run without owner enrichment does (or with an owner it could not match).
 */
final class FixtureOwner {

    static final List<String> FIELDS = List.of("team_user_id", "email", "user_name", "status", "role", "delegated_to",
            "original_email");

    private FixtureOwner() {
    }

    /** The owner, or empty with a problem line for each field that is wrong. */
    static Optional<TeamUser> parse(YamlFile yaml, Node node, String shareOwnerId, List<String> problems) {
        int before = problems.size();
        Map<String, Node> fields = PolicyFixtures.fields(yaml, node, "owner", FIELDS, problems);
        Map<String, String> text = PolicyFixtures.scalars(yaml, "owner", fields, problems);
        String id = text.getOrDefault("team_user_id", shareOwnerId);
        if (id == null && problems.size() == before) {
            problems.add(yaml.at(node) + "owner: needs a team_user_id, or the share an owner_id, to be the share's owner");
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        String status = text.get("status");
        String role = text.get("role");
        return Optional.of(new TeamUser(id, text.get("email"), text.get("user_name"),
                UserStatus.fromWire(status), status, TeamRole.fromWire(role), role, text.get("delegated_to"),
                text.get("original_email")));
    }
}
