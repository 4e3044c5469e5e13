package dev.dspm.scanner.policy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A YAML file of the policy folder read as nodes that remember their line, so that every problem in it
 * is reported as {@code file:line: what is wrong}. Only plain data: no aliases. Reading nodes, SnakeYAML does
 * not check repeated keys (it does when it builds objects), so each reader refuses them itself.
 */
public final class YamlFile {

    private final Path file;

    private YamlFile(Path file) {
        this.file = file;
    }

    public static YamlFile of(Path file) {
        return new YamlFile(file);
    }

    public Path file() {
        return file;
    }

    /** The document's root, or empty for an empty file; a file that is not YAML throws with its line. */
    public Optional<Node> root() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(8 * 1024 * 1024);
        try (Reader events = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            // An alias repeats a node by reference: plain data needs none, and expanding nested ones is the
            // "billion laughs" attack. Refused at its line before the nodes are built.
            for (Event event : new Yaml(options).parse(events)) {
                if (event instanceof AliasEvent alias) {
                    throw new PolicyLoadException(List.of(at(alias.getStartMark().getLine() + 1)
                            + "an alias (*" + alias.getAnchor() + ") is not allowed here; write the value out"));
                }
            }
            return Optional.ofNullable(new Yaml(options).compose(reader));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            throw new PolicyLoadException(List.of(at(line) + "not valid YAML: "
                    + e.getProblem()));
        } catch (IOException e) {
            throw new PolicyLoadException(List.of(file + ": cannot be read: " + e.getMessage()));
        } catch (PolicyLoadException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PolicyLoadException(List.of(file + ": not valid YAML: " + e.getMessage()));
        }
    }

    /** {@code file:line: }, the start of a problem line about {@code node}. */
    public String at(Node node) {
        return at(node.getStartMark().getLine() + 1);
    }

    public String at(int line) {
        return file + (line > 0 ? ":" + line : "") + ": ";
    }

    public static Optional<String> scalar(Node node) {
        return node instanceof ScalarNode scalar ? Optional.of(scalar.getValue()) : Optional.empty();
    }
}
