package dev.dspm.scanner.policy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A YAML file of the policy folder read as nodes that remember their line, so that every problem in it
 * is reported as {@code file:line: what is wrong}. Only plain data: no tags, no aliases, no duplicate keys.
 */
final class YamlFile {

    private final Path file;

    private YamlFile(Path file) {
        this.file = file;
    }

    static YamlFile of(Path file) {
        return new YamlFile(file);
    }

    Path file() {
        return file;
    }

    /** The document's root, or empty for an empty file; a file that is not YAML throws with its line. */
    Optional<Node> root() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(0);
        options.setCodePointLimit(8 * 1024 * 1024);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return Optional.ofNullable(new Yaml(options).compose(reader));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            throw new PolicyLoadException(java.util.List.of(at(line) + "not valid YAML: "
                    + e.getProblem()));
        } catch (IOException e) {
            throw new PolicyLoadException(java.util.List.of(file + ": cannot be read: " + e.getMessage()));
        } catch (RuntimeException e) {
            throw new PolicyLoadException(java.util.List.of(file + ": not valid YAML: " + e.getMessage()));
        }
    }

    /** {@code file:line: }, the start of a problem line about {@code node}. */
    String at(Node node) {
        return at(node.getStartMark().getLine() + 1);
    }

    String at(int line) {
        return file + (line > 0 ? ":" + line : "") + ": ";
    }

    static Optional<String> scalar(Node node) {
        return node instanceof ScalarNode scalar ? Optional.of(scalar.getValue()) : Optional.empty();
    }
}
