package dev.dspm.scanner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.util.ClassUtils;

import dev.dspm.scanner.manus.ApiKeys;

/**
 * Writes docs/configuration.md from the settings' metadata (see {@link SettingMetadata}), the example values in
 * configuration-examples.properties, and the Spring settings application.properties gives the job, so that the
 * reference says what the code does. {@link ConfigurationReferenceTests} keeps the committed file equal to it.
 */
final class ConfigurationReference {

    static final Path FILE = Path.of("docs", "configuration.md");
    static final String REGENERATE =
            "./mvnw -q -B -ntp test -Dtest=ConfigurationReferenceTests -Dconfiguration.reference.write=true";

    /** What Spring Boot's metadata does not say (the pool's settings) or says too generally for this job. */
    private static final Map<String, String> SPRING_MEANINGS = Map.of(
            "spring.datasource.url", "the database: an H2 file (keep `COMPRESS=TRUE`: half the file size) or PostgreSQL",
            "spring.datasource.hikari.connection-timeout", "milliseconds a statement waits for a pooled connection or a "
                    + "new one's login; short, so that a database that went away fails the run within seconds",
            "spring.datasource.hikari.validation-timeout", "milliseconds the pool waits to learn whether a connection is alive",
            "spring.datasource.hikari.maximum-pool-size", "a ceiling, not a reservation: a run holds about "
                    + "`dspm.scan.threads` + 2 connections (one per scan thread, the lock's heartbeat, the job's own)",
            "spring.datasource.hikari.minimum-idle", "connections the pool keeps open while the run does not need them",
            "spring.jdbc.template.fetch-size", "rows a query reads at a time; PostgreSQL streams a large result (the "
                    + "report's, the remediation planner's) only with one, instead of holding every row in the heap");

    private static final Pattern CODE = Pattern.compile("\\{@code ([^}]*)}");
    private static final Pattern LINK = Pattern.compile("\\{@link(?:plain)? ([^}\\s]+)(?: ([^}]*))?}");

    private final List<SettingMetadata> settings;
    private final Map<String, String> springDescriptions;
    private final Map<String, String> springDefaults;
    private final Properties examples;

    private ConfigurationReference(List<SettingMetadata> settings, Map<String, String> springDescriptions,
            Map<String, String> springDefaults, Properties examples) {
        this.settings = settings;
        this.springDescriptions = springDescriptions;
        this.springDefaults = springDefaults;
        this.examples = examples;
    }

    static ConfigurationReference load() throws IOException {
        List<SettingMetadata> all = SettingMetadata.all();
        Map<String, String> springDefaults = new LinkedHashMap<>();
        applicationProperties().forEach((name, value) -> {
            if (name.startsWith("spring.datasource.") || name.startsWith("spring.jdbc.")) {
                springDefaults.put(name, value);
            }
        });
        Map<String, String> springDescriptions = new TreeMap<>();
        all.stream().filter(setting -> springDefaults.containsKey(setting.name()) && setting.description() != null)
                .forEach(setting -> springDescriptions.putIfAbsent(setting.name(), setting.description()));
        springDescriptions.putAll(SPRING_MEANINGS);
        return new ConfigurationReference(SettingMetadata.application(), springDescriptions, springDefaults, examples());
    }

    static Properties examples() throws IOException {
        Properties examples = new Properties();
        try (InputStream in = ConfigurationReference.class.getResourceAsStream("configuration-examples.properties")) {
            examples.load(Objects.requireNonNull(in, "configuration-examples.properties"));
        }
        return examples;
    }

    /** The job's application.properties in file order (Properties would lose it). */
    private static Map<String, String> applicationProperties() throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        try (InputStream in = ConfigurationReference.class.getResourceAsStream("/application.properties")) {
            new String(Objects.requireNonNull(in, "application.properties").readAllBytes(), StandardCharsets.UTF_8)
                    .lines().filter(line -> !line.isBlank() && !line.startsWith("#")).map(line -> line.split("=", 2))
                    .forEach(pair -> properties.put(pair[0].strip(), pair.length > 1 ? pair[1].strip() : ""));
        }
        return properties;
    }

    Map<String, String> springDefaults() {
        return springDefaults;
    }

    Map<String, String> springDescriptions() {
        return springDescriptions;
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append("""
                # Configuration reference

                <!-- Generated from the settings' metadata by ConfigurationReferenceTests; do not edit. A setting's
                     meaning is the @param javadoc of its record component, its default the @DefaultValue (or
                     src/main/resources/META-INF/additional-spring-configuration-metadata.json), its example in
                     src/test/resources/dev/dspm/scanner/configuration-examples.properties. Then regenerate:
                     %s -->

                Every setting can be given three ways; the first one found wins:

                | where | example |
                |---|---|
                | a command-line argument | `java -jar dspm-scanner.jar --dspm.scan.page-size=500` |
                | an environment variable: upper case, `.` and `-` become `_` | `DSPM_SCAN_PAGE_SIZE=500` |
                | a line in `application.properties` (or `config/application.properties`) in the working directory | `dspm.scan.page-size=500` |

                A list is comma-separated (`--dspm.scan.asset-types=FILE_SHARE,WEBSITE_PUBLISH`); a duration is ISO-8601
                (`PT30S`, `PT2H`, `P1D`) or `30s`, `2h`, `1d`; a choice is case-insensitive. An unknown `dspm.*` setting,
                from any of the three, stops the job with exit code `2` naming the nearest known one, and so does a value
                out of range, before any request is sent or database opened.

                ## API keys

                Read from the environment only (a command line is visible to every user of the machine); set a key or
                the `_FILE` variable naming a file that holds it, not both.

                | variable | meaning | example |
                |---|---|---|
                | `%s` | the read-only audit key, recommended for scanning | `...` |
                | `%s` | path of a file holding the audit key, e.g. a mounted Kubernetes Secret | `/run/secrets/manus-audit-key` |
                | `%s` | the management key: needed by `dspm.remediation.mode=apply`; reads only when no audit key is set | `...` |
                | `%s` | path of a file holding the management key | `/run/secrets/manus-mgmt-key` |
                | `%s` | optional Team User Management key: only for `team.user.list`, to learn each share's owner | `...` |
                | `%s` | path of a file holding the user management key | `/run/secrets/manus-user-key` |
                """.formatted(REGENERATE, ApiKeys.AUDIT_KEY_ENV, ApiKeys.AUDIT_KEY_FILE_ENV, ApiKeys.MGMT_KEY_ENV,
                ApiKeys.MGMT_KEY_FILE_ENV, ApiKeys.USER_KEY_ENV, ApiKeys.USER_KEY_FILE_ENV));
        Map<String, List<SettingMetadata>> groups = settings.stream().collect(Collectors.groupingBy(
                setting -> setting.name().substring(0, setting.name().lastIndexOf('.')), TreeMap::new, Collectors.toList()));
        groups.forEach((group, members) -> {
            out.append("\n## `").append(group).append(".*`\n\n| setting | default | meaning | example |\n|---|---|---|---|\n");
            members.stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(setting -> out.append(row(
                    isMap(setting) ? "`" + setting.name() + ".<label>`<br>`" + mapVariable(setting.name()) + "_<LABEL>`"
                            : "`" + setting.name() + "`<br>`" + variable(setting.name()) + "`",
                    setting.defaultValue(), meaning(setting), example(setting))));
        });
        out.append("""

                ## Spring Boot settings the job sets

                The database and its connection pool, as `application.properties` sets them; PostgreSQL's settings,
                grants and connection count are in README.md, "Against the real API and PostgreSQL". Any other Spring
                Boot setting works as well, e.g. `--logging.level.dev.dspm=DEBUG` for stack traces.

                | setting | default | meaning | example |
                |---|---|---|---|
                """);
        springDefaults.forEach((name, value) -> out.append(row("`" + name + "`<br>`" + variable(name) + "`",
                value.isEmpty() ? "(empty)" : value, springDescriptions.get(name), examples.getProperty(name))));
        return out.toString();
    }

    /** A map's example is one of its entries: {@code grouping-key.cluster=eu-1} is shown as {@code cluster=eu-1}. */
    String example(SettingMetadata setting) {
        String prefix = setting.name() + ".";
        if (!isMap(setting)) {
            return examples.getProperty(setting.name());
        }
        return examples.stringPropertyNames().stream().filter(name -> name.startsWith(prefix)).sorted().findFirst()
                .map(name -> name.substring(prefix.length()) + "=" + examples.getProperty(name)).orElse(null);
    }

    private static String row(String name, String defaultValue, String meaning, String example) {
        return "| " + name + " | " + (defaultValue == null ? "—" : code(defaultValue)) + " | " + cell(meaning) + " | "
                + (example == null ? "" : code(example)) + " |\n";
    }

    /** The javadoc as Markdown; a choice's values appended when the description does not name them all. */
    private static String meaning(SettingMetadata setting) {
        String text = replace(CODE, setting.description() == null ? "" : setting.description(), m -> "`" + m.group(1) + "`");
        text = replace(LINK, text, m -> m.group(2) != null ? m.group(2) : ClassUtils.getShortName(m.group(1)));
        List<String> choices = choices(setting.type());
        String lower = text.toLowerCase(Locale.ROOT);
        if (!choices.isEmpty() && !choices.stream().allMatch(choice -> lower.contains(choice.toLowerCase(Locale.ROOT)))) {
            text += " (" + choices.stream().map(choice -> "`" + choice + "`").collect(Collectors.joining(", ")) + ")";
        }
        return text;
    }

    /** The constants of an enum type, or of a list's enum elements; empty for any other type. */
    private static List<String> choices(String type) {
        if (type == null) {
            return List.of();
        }
        String element = type.replaceFirst("^java\\.util\\.(List|Set)<(.*)>$", "$2");
        if (element.startsWith("java.")) {
            return List.of();
        }
        try {
            Class<?> enumType = ClassUtils.forName(element, ConfigurationReference.class.getClassLoader());
            return enumType.isEnum() ? Arrays.stream(enumType.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList()
                    : List.of();
        } catch (ClassNotFoundException | LinkageError e) {
            return List.of();
        }
    }

    private static String replace(Pattern pattern, String text, Function<MatchResult, String> replacement) {
        return pattern.matcher(text).replaceAll(m -> Matcher.quoteReplacement(replacement.apply(m)));
    }

    private static String code(String value) {
        return "`" + value.replace("|", "\\|") + "`";
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|");
    }

    /** The environment variable Spring binds to the setting, e.g. DSPM_SCAN_PAGE_SIZE. */
    static String variable(String name) {
        return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** A map's entries bind from the environment only under the name without its dashes (Boot's canonical form). */
    static String mapVariable(String name) {
        return name.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", "");
    }

    static boolean isMap(SettingMetadata setting) {
        return setting.type().startsWith(Map.class.getName());
    }
}
