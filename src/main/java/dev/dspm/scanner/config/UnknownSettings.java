package dev.dspm.scanner.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Finds a {@code dspm.*} or {@code spring.datasource.*} setting nobody reads. Spring ignores names it does not bind, so a misspelt
 * {@code --dspm.scan.asset-type=FILE_SHARE} would scan all five types without a word; this names it, where
 * it came from and the nearest known setting instead. Names are compared the way Spring binds them
 * (relaxed: {@code page-size}, {@code pageSize}, {@code page_size}, {@code DSPM_SCAN_PAGE_SIZE}).
 */
public final class UnknownSettings {

    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("dspm");
    private static final String ENV_PREFIX = "DSPM_";
    /**
     * The database settings the job reads, checked too: a misspelt {@code spring.datasource.ulr} silently left the run
     * on the default H2 file. Hikari's pool settings, many and Hikari's to check, pass as they are.
     */
    private static final ConfigurationPropertyName DATASOURCE = ConfigurationPropertyName.of("spring.datasource");
    private static final ConfigurationPropertyName POOL = ConfigurationPropertyName.of("spring.datasource.hikari");
    private static final List<String> DATASOURCE_NAMES = List.of("spring.datasource.url", "spring.datasource.username",
            "spring.datasource.password", "spring.datasource.driver-class-name");
    private static final Map<String, String> DATASOURCE_VARIABLES = DATASOURCE_NAMES.stream()
            .collect(Collectors.toMap(name -> variable(name, "_"), name -> name));

    private final List<String> names;
    private final Set<String> uniformNames;
    /** Each known setting by the environment variable spelled as the README does, e.g. DSPM_SCAN_PAGE_SIZE. */
    private final Map<String, String> byVariable;
    /** Every spelling Spring binds from the environment: DSPM_SCAN_PAGE_SIZE and DSPM_SCAN_PAGESIZE. */
    private final Set<String> variables;

    public UnknownSettings(List<String> knownNames) {
        names = List.copyOf(knownNames);
        uniformNames = names.stream().map(name -> uniform(ConfigurationPropertyName.of(name))).collect(Collectors.toSet());
        byVariable = names.stream().collect(Collectors.toMap(name -> variable(name, "_"), name -> name));
        variables = names.stream().flatMap(name -> Stream.of(variable(name, "_"), variable(name, "")))
                .collect(Collectors.toSet());
    }

    /** The first unknown {@code dspm.*} setting, in order of precedence, as a message naming the fix. */
    public Optional<String> find(ConfigurableEnvironment environment) {
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)
                    || !(source instanceof EnumerablePropertySource<?> enumerable)) {
                continue;
            }
            boolean variables = source instanceof SystemEnvironmentPropertySource;
            for (String name : enumerable.getPropertyNames()) {
                Optional<String> suggestion = variables ? unknownVariable(name) : unknownProperty(name);
                if (suggestion.isPresent()) {
                    return Optional.of("unknown setting " + name + " (" + describe(source, name) + "); did you mean "
                            + suggestion.get() + "?");
                }
            }
        }
        return Optional.empty();
    }

    /** Empty when the name is not a dspm.* setting or is a known one; otherwise the nearest known setting. */
    private Optional<String> unknownProperty(String name) {
        ConfigurationPropertyName property = ConfigurationPropertyName.adapt(name, '.');
        if (DATASOURCE.isAncestorOf(property) && !POOL.isAncestorOf(property)) {
            String given = uniform(property);
            return DATASOURCE_NAMES.stream().anyMatch(known -> uniform(ConfigurationPropertyName.of(known)).equals(given)) ? Optional.empty()
                    : Optional.of(nearest(name.toLowerCase(Locale.ROOT), DATASOURCE_NAMES));
        }
        if (!ROOT.isAncestorOf(property)) {
            return Optional.empty();
        }
        while (property.isLastElementIndexed()) { // dspm.scan.asset-types[0]
            property = property.getParent();
        }
        return uniformNames.contains(uniform(property)) ? Optional.empty()
                : Optional.of(nearest(name.toLowerCase(Locale.ROOT), names));
    }

    private Optional<String> unknownVariable(String name) {
        String variable = name.toUpperCase(Locale.ROOT);
        if (variable.startsWith("SPRING_DATASOURCE_") && !variable.startsWith("SPRING_DATASOURCE_HIKARI_")) {
            if (DATASOURCE_VARIABLES.containsKey(variable) || variable.equals("SPRING_DATASOURCE_DRIVERCLASSNAME")) {
                return Optional.empty();
            }
            String nearest = nearest(variable, DATASOURCE_VARIABLES.keySet());
            return Optional.of(nearest + " (" + DATASOURCE_VARIABLES.get(nearest) + ")");
        }
        if (!variable.startsWith(ENV_PREFIX) || variables.contains(variable.replaceFirst("(_[0-9]+)+$", ""))) {
            return Optional.empty(); // the suffix is a list index: DSPM_SCAN_ASSETTYPES_0
        }
        String nearest = nearest(variable, byVariable.keySet());
        return Optional.of(nearest + " (" + byVariable.get(nearest) + ")");
    }

    private static String variable(String name, String dash) {
        return name.toUpperCase(Locale.ROOT).replace(".", "_").replace("-", dash);
    }

    /** Where a setting came from, in a person's words: "command-line argument", "environment variable", a file. */
    static String describe(PropertySource<?> source, String name) {
        if (source instanceof CommandLinePropertySource) {
            return "command-line argument";
        }
        if (source instanceof SystemEnvironmentPropertySource) {
            return "environment variable";
        }
        if (StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME.equals(source.getName())) {
            return "system property";
        }
        @SuppressWarnings("unchecked")
        Origin origin = source instanceof OriginLookup<?> lookup ? ((OriginLookup<String>) lookup).getOrigin(name) : null;
        return origin != null ? origin.toString() : source.getName();
    }

    private static String uniform(ConfigurationPropertyName name) {
        return IntStream.range(0, name.getNumberOfElements()).mapToObj(i -> name.getElement(i, Form.UNIFORM))
                .collect(Collectors.joining("."));
    }

    private static String nearest(String given, Collection<String> candidates) {
        return candidates.stream().min(Comparator.comparingInt((String candidate) -> distance(given, candidate))
                .thenComparing(Comparator.naturalOrder())).orElseThrow();
    }

    /** Levenshtein distance: the fewest single-character edits that turn one name into the other. */
    private static int distance(String a, String b) {
        int[] previous = IntStream.rangeClosed(0, b.length()).toArray();
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            previous = current;
        }
        return previous[b.length()];
    }
}
