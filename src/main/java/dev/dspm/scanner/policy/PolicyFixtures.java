package dev.dspm.scanner.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the policy tests of a pack, every {@code *.yaml} under its {@code tests/} folder. Every problem in
 * every file is collected, one line each as {@code file:line: what is wrong}. A test naming a policy id the
 * pack does not have is a problem, so that renaming a rule cannot leave its tests passing without it.
 */
final class PolicyFixtures {

    static final String FOLDER = "tests";
    /** When the shares of a file are judged unless it says {@code now:}: fixed, so a test passes the same every day. */
    static final Instant DEFAULT_NOW = Instant.parse("2026-11-26T00:00:00Z");
    private static final List<String> FILE_KEYS = List.of("now", "tests");
    private static final List<String> TEST_KEYS = List.of("name", "share", "owner", "expect", "expect_not");

    private final YamlFile yaml;
    private final PolicyPack pack;
    private final List<String> problems;

    private PolicyFixtures(YamlFile yaml, PolicyPack pack, List<String> problems) {
        this.yaml = yaml;
        this.pack = pack;
        this.problems = problems;
    }

    static List<PolicyFixture> load(PolicyPack pack) {
        List<String> problems = new ArrayList<>();
        List<PolicyFixture> fixtures = new ArrayList<>();
        for (Path file : files(pack.dir().resolve(FOLDER))) {
            try {
                fixtures.addAll(new PolicyFixtures(YamlFile.of(file), pack, problems).read());
            } catch (PolicyLoadException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new PolicyLoadException(problems);
        }
        return fixtures;
    }

    private static List<Path> files(Path folder) {
        String hint = ": no policy tests (*.yaml) here; write them as policies/README.md shows";
        if (!Files.isDirectory(folder)) {
            throw new PolicyLoadException(List.of(folder + hint));
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            List<Path> files = walk.filter(path -> path.toString().endsWith(".yaml") && Files.isRegularFile(path)).sorted().toList();
            if (files.isEmpty()) {
                throw new PolicyLoadException(List.of(folder + hint));
            }
            return files;
        } catch (IOException e) {
            throw new PolicyLoadException(List.of(folder + ": cannot be listed: " + e.getMessage()));
        }
    }

    private List<PolicyFixture> read() {
        Optional<Node> root = yaml.root();
        if (root.isEmpty()) {
            problems.add(yaml.at(0) + "is empty; a test file holds a list under tests:");
            return List.of();
        }
        Map<String, Node> keys = fields(yaml, root.get(), "a test file", FILE_KEYS, problems);
        if (!(root.get() instanceof MappingNode)) {
            return List.of();
        }
        Instant now = DEFAULT_NOW;
        if (keys.containsKey("now")) {
            Node node = keys.get("now");
            Instant given = FixtureShare.time(yaml, node, YamlFile.scalar(node).orElse(""), "now", problems);
            now = given != null ? given : now;
        }
        if (!(keys.get("tests") instanceof SequenceNode tests) || tests.getValue().isEmpty()) {
            Node at = keys.getOrDefault("tests", root.get());
            problems.add(yaml.at(at) + "tests: must be a list of tests, each with name, share and expect or expect_not");
            return List.of();
        }
        List<PolicyFixture> fixtures = new ArrayList<>();
        for (Node test : tests.getValue()) {
            test(test, now).ifPresent(fixtures::add);
        }
        return fixtures;
    }

    private Optional<PolicyFixture> test(Node node, Instant now) {
        int before = problems.size();
        Map<String, Node> keys = fields(yaml, node, "a test", TEST_KEYS, problems);
        if (!(node instanceof MappingNode)) {
            return Optional.empty();
        }
        int line = node.getStartMark().getLine() + 1;
        String name = keys.containsKey("name") ? YamlFile.scalar(keys.get("name")).map(String::strip).orElse("") : "";
        if (name.isEmpty()) {
            problems.add(yaml.at(node) + "a test needs a name: one line saying what it proves");
        }
        Optional<Share> share = Optional.empty();
        if (keys.containsKey("share")) {
            share = FixtureShare.parse(yaml, keys.get("share"), "test-" + line, problems);
            if (keys.containsKey("owner") && share.isPresent()) {
                Share parsed = share.get();
                share = FixtureOwner.parse(yaml, keys.get("owner"), parsed.ownerId(), problems).map(parsed::withOwner);
            }
        } else {
            problems.add(yaml.at(node) + "a test needs a share: the fields of the share to judge");
        }
        Optional<List<String>> expect = ids(keys.get("expect"), "expect");
        Optional<List<String>> expectNot = ids(keys.get("expect_not"), "expect_not");
        if (!keys.containsKey("expect") && !keys.containsKey("expect_not")) {
            problems.add(yaml.at(node) + "a test needs expect (policies that must fire; [] for none) or expect_not (policies that must not)");
        }
        List<String> must = expect.orElse(List.of());
        List<String> mustNot = expectNot.orElse(List.of());
        must.stream().filter(mustNot::contains).forEach(id -> problems.add(yaml.at(node) + id + " is under both expect and expect_not"));
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new PolicyFixture(yaml.file(), line, name, now, share.orElseThrow(), must, mustNot,
                expect.isPresent() && must.isEmpty()));
    }

    /** The policy ids of an {@code expect} list, each one a rule of the pack; empty when the key is absent. */
    private Optional<List<String>> ids(Node node, String key) {
        if (node == null) {
            return Optional.empty();
        }
        if (!(node instanceof SequenceNode list)) {
            problems.add(yaml.at(node) + key + ": must be a list of policy ids, such as [public-file-share]");
            return Optional.empty();
        }
        List<String> ids = new ArrayList<>();
        for (Node item : list.getValue()) {
            Optional<String> id = YamlFile.scalar(item).map(String::strip);
            if (id.isEmpty() || pack.policy(id.get()).isEmpty()) {
                problems.add(yaml.at(item) + key + ": " + id.map(text -> "\"" + text + "\"").orElse("this entry")
                        + " is not the @id of a rule in " + pack.dir() + "; its ids are "
                        + pack.rules().stream().map(PolicyRule::id).toList());
            } else {
                ids.add(id.get());
            }
        }
        return Optional.of(ids);
    }

    /** A map's values by key, with a problem for a node that is not a map and for each key not in {@code known}. */
    /** Each field's text (null for {@code ~}), or a problem for a field that is a list or a map. */
    static Map<String, String> scalars(YamlFile yaml, String what, Map<String, Node> fields, List<String> problems) {
        Map<String, String> text = new HashMap<>();
        fields.forEach((name, value) -> {
            if (value instanceof ScalarNode scalar) {
                text.put(name, scalar.getTag().equals(Tag.NULL) ? null : scalar.getValue());
            } else {
                problems.add(yaml.at(value) + what + ": " + name + " must be a single value, not a list or a map");
            }
        });
        return text;
    }

    static Map<String, Node> fields(YamlFile yaml, Node node, String what, List<String> known, List<String> problems) {
        Map<String, Node> fields = new LinkedHashMap<>();
        if (!(node instanceof MappingNode mapping)) {
            problems.add(yaml.at(node) + what + " must be a map of " + String.join(", ", known));
            return fields;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            Optional<String> key = YamlFile.scalar(tuple.getKeyNode()).filter(known::contains);
            if (key.isPresent()) {
                fields.put(key.get(), tuple.getValueNode());
            } else {
                problems.add(yaml.at(tuple.getKeyNode()) + YamlFile.scalar(tuple.getKeyNode()).map(k -> "\"" + k + "\"").orElse("this key")
                        + " is not a field of " + what + "; the fields are " + String.join(", ", known));
            }
        }
        return fields;
    }
}
