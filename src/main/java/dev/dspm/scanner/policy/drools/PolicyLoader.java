package dev.dspm.scanner.policy.drools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.rule.Rule;

import dev.dspm.scanner.manus.ShareScope;
import dev.dspm.scanner.policy.PolicyLoadException;
import dev.dspm.scanner.policy.PolicyRule;
import dev.dspm.scanner.policy.PolicySettings;
import dev.dspm.scanner.policy.Severity;

/**
 * Compiles every {@code .drl} file under the policies folder at start-up, from the filesystem, so users
 * change policies without rebuilding the jar; then checks each rule's metadata. Every problem is
 * collected before failing, one line each naming the file and the line or rule, so a user fixes them
 * all in one go rather than one per start.
 */
public final class PolicyLoader {

    /**
     * A Kubernetes ConfigMap mounted as a folder holds each file twice: {@code x.drl} is a link to
     * {@code ..data/x.drl}, itself a link into a {@code ..<timestamp>} folder. Only the links at the top are the
     * policies; a rule found twice would be a duplicate id.
     */
    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith("..")) {
                return true;
            }
        }
        return false;
    }

    private static final String SETTING = "dspm.policies.dir";
    /** What a rule may recommend: a scope the API can set, never UNKNOWN. */
    private static final List<ShareScope> RECOMMENDABLE = List.of(ShareScope.OWNER, ShareScope.TEAM_ONLY, ShareScope.PUBLIC);
    private static final String SOURCE_ROOT = "src/main/resources/";
    private static final AtomicLong LOADS = new AtomicLong();

    private PolicyLoader() {
    }

    public static PolicyPack load(Path dir) {
        // Each file is read once: checked against the policy language, compiled, and searched for its rules' lines.
        Map<Path, List<String>> files = new LinkedHashMap<>();
        drlFiles(dir).forEach(file -> files.put(file, read(file)));
        KieServices kie = KieServices.Factory.get();
        // A release of its own per load: a second load in the same JVM must not replace the first one's rules.
        ReleaseId release = kie.newReleaseId("dev.dspm.scanner", "policies", "1.0." + LOADS.incrementAndGet());
        KieFileSystem sources = kie.newKieFileSystem().generateAndWritePomXML(release);
        files.forEach((file, lines) -> sources.write(SOURCE_ROOT + dir.relativize(file).toString().replace('\\', '/'),
                String.join("\n", lines)));
        List<String> problems = new ArrayList<>();
        files.forEach((file, lines) -> PolicySandbox.check(file, String.join("\n", lines), problems));
        if (!problems.isEmpty()) {
            throw new PolicyLoadException(problems);
        }
        KieBuilder builder = kie.newKieBuilder(sources).buildAll();
        for (Message message : builder.getResults().getMessages(Message.Level.ERROR)) {
            // Drools adds this after any syntax error in a file, which the line before already names.
            if (!message.getText().contains("Parser returned a null Package")) {
                problems.add(fileOf(dir, message.getPath()) + (message.getLine() > 0 ? ":" + message.getLine() : "") + ": "
                        + message.getText().replaceAll("\\s+", " ").strip());
            }
        }
        if (!problems.isEmpty()) {
            throw new PolicyLoadException(problems);
        }
        KieBase base = kie.newKieContainer(release).getKieBase();
        List<Rule> compiled = new ArrayList<>();
        base.getKiePackages().forEach(pkg -> compiled.addAll(pkg.getRules()));
        Map<String, PolicyRule> byRule = new LinkedHashMap<>();
        Map<String, PolicyRule> byId = new HashMap<>();
        for (Rule rule : compiled) {
            Path file = fileOf(dir, rule instanceof RuleImpl impl ? impl.getResource().getSourcePath() : null);
            int line = lineNumber(files.getOrDefault(file, List.of()), rule.getName());
            String where = file + (line > 0 ? ":" + line : "") + ": rule \"" + rule.getName() + "\": ";
            metadata(rule, file, line, where, problems).ifPresent(policy -> {
                PolicyRule earlier = byId.putIfAbsent(policy.id(), policy);
                if (earlier != null) {
                    problems.add(where + "@id \"" + policy.id() + "\" is already the id of a rule in " + earlier.file()
                            + "; each policy needs an id of its own");
                } else {
                    byRule.put(PolicyPack.key(rule), policy);
                }
            });
        }
        PolicySettings settings = PolicySettings.load(dir);
        if (!problems.isEmpty()) {
            throw new PolicyLoadException(problems);
        }
        PolicyPack pack = new PolicyPack(dir, base, sorted(byRule), settings);
        TrialRun.check(pack);
        return pack;
    }

    /** File by file, then in the order each file lists its rules: the order a reader of the folder expects. */
    private static Map<String, PolicyRule> sorted(Map<String, PolicyRule> byRule) {
        Map<String, PolicyRule> sorted = new LinkedHashMap<>();
        byRule.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, PolicyRule> e) -> e.getValue().file())
                        .thenComparingInt(e -> e.getValue().line()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** Drools keeps no line per rule: the line of its {@code rule "name"} header in its file, or 0. */
    private static int lineNumber(List<String> lines, String ruleName) {
        Pattern header = Pattern.compile("^\\s*rule\\s+(\"" + Pattern.quote(ruleName) + "\"|'" + Pattern.quote(ruleName)
                + "'|" + Pattern.quote(ruleName) + "(\\s|$)).*");
        for (int i = 0; i < lines.size(); i++) {
            if (header.matcher(lines.get(i)).matches()) {
                return i + 1;
            }
        }
        return 0;
    }

    private static List<Path> drlFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new PolicyLoadException(List.of(dir.toAbsolutePath() + ": no such folder; point " + SETTING
                    + " at the folder holding the .drl policies"));
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> files = walk.filter(path -> path.toString().endsWith(".drl") && Files.isRegularFile(path))
                    .filter(path -> !hidden(dir.relativize(path))).sorted().toList();
            if (files.isEmpty()) {
                throw new PolicyLoadException(List.of(dir.toAbsolutePath() + ": no .drl policy files; point " + SETTING
                        + " at the folder holding them (the default pack ships in policies/)"));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the policies in " + dir, e);
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (CharacterCodingException e) {
            throw new PolicyLoadException(List.of(file + ": not UTF-8 text; save the policy file as UTF-8"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the policy file " + file, e);
        }
    }

    /** The user's file behind a path Drools reports, with or without the source root it was written under. */
    private static Path fileOf(Path dir, String reported) {
        if (reported == null || reported.isBlank()) {
            return dir;
        }
        return dir.resolve(reported.startsWith(SOURCE_ROOT) ? reported.substring(SOURCE_ROOT.length()) : reported);
    }

    /** The rule's policy, or empty with a problem per missing or malformed attribute. */
    private static Optional<PolicyRule> metadata(Rule rule, Path file, int line, String where, List<String> problems) {
        Map<String, Object> meta = rule.getMetaData();
        int before = problems.size();
        String id = text(meta, "id", where, problems);
        String title = text(meta, "title", where, problems);
        String rationale = text(meta, "rationale", where, problems);
        Severity severity = severity(meta, where, problems);
        String scope = text(meta, "recommendedScope", where, problems);
        Optional<ShareScope> recommended = Optional.empty();
        if (scope != null && !scope.equalsIgnoreCase("none")) {
            recommended = RECOMMENDABLE.stream().filter(known -> known.name().equalsIgnoreCase(scope)).findFirst();
            if (recommended.isEmpty()) {
                problems.add(where + "@recommendedScope(" + scope + ") must be one of " + RECOMMENDABLE + " or none");
            }
        }
        String auto = text(meta, "autoRemediate", where, problems);
        if (auto != null && !auto.equals("true") && !auto.equals("false")) {
            problems.add(where + "@autoRemediate must be true or false, not \"" + auto + "\"");
        }
        String requiresOwner = meta.containsKey("requiresOwner") ? meta.get("requiresOwner").toString().strip() : "false";
        if (!requiresOwner.equals("true") && !requiresOwner.equals("false")) {
            problems.add(where + "@requiresOwner must be true or false, not \"" + requiresOwner + "\"");
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new PolicyRule(id, title, severity, recommended, Boolean.parseBoolean(auto),
                Boolean.parseBoolean(requiresOwner), rationale, file, line));
    }

    private static String text(Map<String, Object> meta, String name, String where, List<String> problems) {
        Object value = meta.get(name);
        // Drools hands over a quoted value without its quotes.
        String text = value == null ? "" : value.toString().strip();
        if (text.isEmpty()) {
            problems.add(where + "missing @" + name + "(...); every rule needs @id, @title, @severity, "
                    + "@recommendedScope, @autoRemediate and @rationale");
            return null;
        }
        return text;
    }

    private static Severity severity(Map<String, Object> meta, String where, List<String> problems) {
        String text = text(meta, "severity", where, problems);
        if (text == null) {
            return null;
        }
        try {
            return Severity.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(where + "@severity(" + text + ") is not one of " + Arrays.toString(Severity.values()));
            return null;
        }
    }
}
