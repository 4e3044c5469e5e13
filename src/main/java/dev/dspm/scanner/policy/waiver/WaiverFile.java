package dev.dspm.scanner.policy.waiver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import dev.dspm.scanner.policy.PolicyLoadException;
import dev.dspm.scanner.policy.YamlFile;

/**
 * Reads {@code exceptions.yaml} into waivers, strictly: an unknown field (a typo such as {@code expiry:}) or
 * a policy the pack lacks would otherwise waive nothing, or waive for ever, without a word. Every problem is
 * collected and thrown at once, one {@code file:line: } line each.
 */
final class WaiverFile {

    static final int MAX_TEXT = 2000;

    private static final String POLICY = "policy";
    private static final String JUSTIFICATION = "justification";
    private static final String APPROVED_BY = "approved_by";
    private static final String EXPIRES = "expires";
    private static final List<String> FIELDS = List.of(Waiver.MatchBy.SHARE_UID.field(), Waiver.MatchBy.OWNER_ID.field(),
            Waiver.MatchBy.NAME_PREFIX.field(), POLICY, JUSTIFICATION, APPROVED_BY, EXPIRES);
    private static final Pattern UNQUOTED_STAR = Pattern.compile("(?m)^[\\s-]*policy:\\s*\\*\\s*(#.*)?$");
    /** Four-digit years only: LocalDate takes "+999999999-12-31", whose next day does not exist. */
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final String MATCH_FIELDS = "share_uid, owner_id or name_prefix";

    private final YamlFile yaml;
    private final Set<String> policyIds;
    private final List<String> problems = new ArrayList<>();

    private WaiverFile(YamlFile yaml, Set<String> policyIds) {
        this.yaml = yaml;
        this.policyIds = policyIds;
    }

    /** The file's waivers in file order; none when the file does not exist or holds no document. */
    static List<Waiver> read(Path file, Set<String> policyIds) {
        if (Files.notExists(file)) {
            return List.of();
        }
        WaiverFile reader = new WaiverFile(YamlFile.of(file), policyIds);
        List<Waiver> waivers = reader.waivers();
        if (!reader.problems.isEmpty()) {
            throw new PolicyLoadException(reader.problems);
        }
        return waivers;
    }

    private List<Waiver> waivers() {
        Optional<Node> root = root();
        if (root.isEmpty()) {
            return List.of();
        }
        List<Waiver> waivers = new ArrayList<>();
        for (Node node : entries(root.get())) {
            entry(node).ifPresent(waivers::add);
        }
        refuseDuplicates(waivers);
        return waivers;
    }

    private Optional<Node> root() {
        try {
            return yaml.root();
        } catch (PolicyLoadException e) {
            // "policy: *" is the likeliest slip in this file, and YAML's words for it (a bad alias) do not say so.
            if (UNQUOTED_STAR.matcher(read(yaml.file())).find()) {
                throw new PolicyLoadException(e.problems().stream()
                        .map(problem -> problem + " (for every policy write the star in quotes: policy: \"*\")").toList());
            }
            throw e;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private List<Node> entries(Node root) {
        String expected = "must be a map with one key, waivers, holding a list of waivers (write \"waivers: []\" for none)";
        if (!(root instanceof MappingNode mapping)) {
            problems.add(yaml.at(root) + "the file " + expected);
            return List.of();
        }
        Node list = null;
        for (NodeTuple tuple : mapping.getValue()) {
            boolean waivers = YamlFile.scalar(tuple.getKeyNode()).filter("waivers"::equals).isPresent();
            if (waivers && list == null) {
                list = tuple.getValueNode();
            } else if (waivers) {
                problems.add(yaml.at(tuple.getKeyNode()) + "waivers is given twice; keep one list");
            } else {
                problems.add(yaml.at(tuple.getKeyNode()) + "unknown key " + describe(tuple.getKeyNode()) + "; the file "
                        + expected);
            }
        }
        if (list == null) {
            problems.add(yaml.at(root) + "no \"waivers\" key; the file " + expected);
            return List.of();
        }
        if (isNull(list)) {
            return List.of();
        }
        if (!(list instanceof SequenceNode sequence)) {
            problems.add(yaml.at(list) + "waivers must be a list of waivers, each starting with \"- \" (\"waivers: []\" for none)");
            return List.of();
        }
        return sequence.getValue();
    }

    private Optional<Waiver> entry(Node node) {
        if (!(node instanceof MappingNode mapping)) {
            problems.add(yaml.at(node) + "each waiver must be a map of fields: one of " + MATCH_FIELDS
                    + ", then policy, justification, approved_by and expires");
            return Optional.empty();
        }
        int before = problems.size();
        Map<String, Node> fields = fields(mapping);
        List<Waiver.MatchBy> kinds = Arrays.stream(Waiver.MatchBy.values()).filter(kind -> fields.containsKey(kind.field()))
                .toList();
        if (kinds.isEmpty()) {
            problems.add(yaml.at(mapping) + "this waiver matches no share: give exactly one of " + MATCH_FIELDS);
        } else if (kinds.size() > 1) {
            problems.add(yaml.at(mapping) + "this waiver gives " + kinds.stream().map(Waiver.MatchBy::field).toList()
                    + "; give exactly one of " + MATCH_FIELDS + " (write one waiver per match)");
        }
        String value = kinds.size() == 1 ? text(mapping, fields, kinds.get(0).field()) : null;
        String policy = text(mapping, fields, POLICY);
        String justification = text(mapping, fields, JUSTIFICATION);
        String approvedBy = text(mapping, fields, APPROVED_BY);
        String expires = text(mapping, fields, EXPIRES);
        if (policy != null && !policy.equals(Waiver.ALL_POLICIES) && !policyIds.contains(policy)) {
            problems.add(yaml.at(fields.get(POLICY)) + "policy \"" + policy + "\" is not a policy of the pack; use the @id of"
                    + " a rule (" + String.join(", ", new TreeSet<>(policyIds)) + ") or \"*\" for every policy");
        }
        LocalDate lastDay = expires == null ? null : date(fields.get(EXPIRES), expires);
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Waiver(kinds.get(0), value, policy, justification, approvedBy, lastDay, yaml.file(),
                mapping.getStartMark().getLine() + 1));
    }

    private Map<String, Node> fields(MappingNode mapping) {
        Map<String, Node> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node key = tuple.getKeyNode();
            String name = YamlFile.scalar(key).orElse(null);
            if (name == null || !FIELDS.contains(name)) {
                problems.add(yaml.at(key) + "unknown field " + describe(key) + "; a waiver has only the fields "
                        + String.join(", ", FIELDS));
            } else if (fields.putIfAbsent(name, tuple.getValueNode()) != null) {
                // SnakeYAML refuses a repeated key only when it builds objects; reading nodes, the check is ours.
                problems.add(yaml.at(key) + name + " is given twice in this waiver; keep one");
            }
        }
        return fields;
    }

    /** A field's text: ids and the policy stripped, user text exactly as written; null with a problem if unusable. */
    private String text(MappingNode mapping, Map<String, Node> fields, String name) {
        Node node = fields.get(name);
        if (node == null) {
            problems.add(yaml.at(mapping) + "this waiver has no " + name + "; every waiver needs one of " + MATCH_FIELDS
                    + ", policy, justification, approved_by and expires");
            return null;
        }
        if (!(node instanceof ScalarNode scalar)) {
            problems.add(yaml.at(node) + name + " must be a single value, not a list or a map");
            return null;
        }
        String text = scalar.getValue();
        if (isNull(node) || text.isBlank()) {
            problems.add(yaml.at(node) + name + " is empty; fill it in");
            return null;
        }
        if (text.length() > MAX_TEXT) {
            problems.add(yaml.at(node) + name + " is " + text.length() + " characters long; at most " + MAX_TEXT
                    + " are allowed");
            return null;
        }
        boolean userText = name.equals(JUSTIFICATION) || name.equals(APPROVED_BY)
                || name.equals(Waiver.MatchBy.NAME_PREFIX.field());
        return userText ? text : text.strip();
    }

    private LocalDate date(Node node, String text) {
        if (DATE.matcher(text).matches()) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                // a day the calendar lacks, such as 2027-02-30: reported below
            }
        }
        problems.add(yaml.at(node) + "expires \"" + text + "\" is not a date; write the last day the waiver applies"
                + " as YYYY-MM-DD, e.g. 2027-03-31");
        return null;
    }

    private void refuseDuplicates(List<Waiver> waivers) {
        Map<String, Waiver> byKey = new HashMap<>();
        for (Waiver waiver : waivers) {
            Waiver earlier = byKey.putIfAbsent(waiver.key(), waiver);
            if (earlier != null) {
                problems.add(yaml.at(waiver.line()) + "the same waiver as line " + earlier.line() + " (" + waiver.matchBy().field()
                        + " and policy alike" + (waiver.matchBy() == Waiver.MatchBy.NAME_PREFIX ? ", ignoring case" : "")
                        + "); keep one of them");
            }
        }
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    private static String describe(Node key) {
        return YamlFile.scalar(key).map(name -> "\"" + name + "\"").orElse("(not plain text)");
    }
}
