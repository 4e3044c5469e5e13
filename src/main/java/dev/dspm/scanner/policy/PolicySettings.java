package dev.dspm.scanner.policy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * {@code policies/settings.yaml}: the values the rules read through {@link RunContext}, so that a threshold
 * or a word list changes without touching a rule. Each setting is a whole number, a text, or a list of
 * words and phrases (matched as {@link Terms}). A pack may add settings of its own; a rule asking for one
 * that is missing fails the policy check at start-up, naming it.
 */
public final class PolicySettings {

    static final String FILE = "settings.yaml";

    private final Path file;
    private final Map<String, Object> values;

    private PolicySettings(Path file, Map<String, Object> values) {
        this.file = file;
        this.values = values;
    }

    public static PolicySettings empty(Path dir) {
        return new PolicySettings(dir.resolve(FILE), Map.of());
    }

    /** The folder's settings file, or no settings when there is none; every problem is collected. */
    public static PolicySettings load(Path dir) {
        YamlFile yaml = YamlFile.of(dir.resolve(FILE));
        if (!Files.isRegularFile(yaml.file())) {
            return empty(dir);
        }
        Optional<Node> root = yaml.root();
        if (root.isEmpty()) {
            return empty(dir);
        }
        if (!(root.get() instanceof MappingNode mapping)) {
            throw new PolicyLoadException(List.of(yaml.at(root.get()) + "must be a map of setting names to values"));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String name = YamlFile.scalar(tuple.getKeyNode()).orElse(null);
            if (name == null || name.isBlank()) {
                problems.add(yaml.at(tuple.getKeyNode()) + "a setting's name must be plain text");
                continue;
            }
            if (values.containsKey(name)) {
                problems.add(yaml.at(tuple.getKeyNode()) + name + " is given twice; keep one");
                continue;
            }
            value(yaml, name, tuple.getValueNode(), problems).ifPresent(value -> values.put(name, value));
        }
        if (!problems.isEmpty()) {
            throw new PolicyLoadException(problems);
        }
        return new PolicySettings(yaml.file(), Map.copyOf(values));
    }

    private static Optional<Object> value(YamlFile yaml, String name, Node node, List<String> problems) {
        if (node instanceof ScalarNode scalar) {
            String text = scalar.getValue().strip();
            if (text.matches("-?\\d{1,18}")) {
                return Optional.of(Long.parseLong(text));
            }
            return Optional.of(text);
        }
        if (node instanceof SequenceNode sequence) {
            List<String> terms = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                Optional<String> term = YamlFile.scalar(item).map(String::strip).filter(t -> !t.isEmpty());
                if (term.isEmpty()) {
                    problems.add(yaml.at(item) + name + ": each entry must be a non-empty word or phrase");
                } else {
                    terms.add(term.get());
                }
            }
            return Optional.of(new Terms(terms));
        }
        problems.add(yaml.at(node) + name + " must be a whole number, a text or a list of words, not a map");
        return Optional.empty();
    }

    long number(String name) {
        if (get(name) instanceof Long number) {
            return number;
        }
        throw wrongType(name, "a whole number");
    }

    String text(String name) {
        return String.valueOf(get(name));
    }

    Terms terms(String name) {
        if (get(name) instanceof Terms terms) {
            return terms;
        }
        throw wrongType(name, "a list of words");
    }

    private Object get(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException(file + " has no setting \"" + name + "\", which a rule reads; add it");
        }
        return value;
    }

    private IllegalArgumentException wrongType(String name, String expected) {
        return new IllegalArgumentException(file + ": the setting \"" + name + "\" must be " + expected
                + " for the rule that reads it");
    }

    @Override
    public String toString() {
        return "PolicySettings" + values.keySet();
    }
}
