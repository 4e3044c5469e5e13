package dev.dspm.scanner.policy.drools;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.dspm.scanner.manus.AssetType;
import dev.dspm.scanner.manus.ShareScope;
import dev.dspm.scanner.manus.TeamRole;
import dev.dspm.scanner.manus.TeamUser;
import dev.dspm.scanner.manus.UserStatus;
import dev.dspm.scanner.policy.RunContext;
import dev.dspm.scanner.policy.Share;

/**
 * Every name a policy may use, and nothing else: the facts a rule matches, the fields and methods of the facts and of
 * the owner, the constants of their enums, a few side-effect-free methods of the values they hold (text, instants)
 * and Drools' own operators. A name outside it (System, getClass, Runtime, java, new, a static call) is refused
 * before Drools compiles the file, since Drools would compile it to code that runs with every key the job holds.
 */
final class PolicyVocabulary {

    /** What a pattern may match. */
    static final Map<String, Class<?>> FACTS = byName(List.of(Share.class, RunContext.class));
    /** What a file may import: the facts, the owner and the enums their fields hold. */
    static final Map<String, Class<?>> TYPES = byName(List.of(Share.class, RunContext.class, TeamUser.class,
            AssetType.class, ShareScope.class, TeamRole.class, UserStatus.class));
    /** Reads of the values a fact's fields hold: none changes anything, none reaches a class or a file. */
    private static final Set<String> VALUE_METHODS = Set.of("startsWith", "endsWith", "contains", "equals", "equalsIgnoreCase",
            "isEmpty", "isBlank", "length", "toLowerCase", "toUpperCase", "strip", "trim", "indexOf", "isBefore", "isAfter",
            "compareTo", "name");
    private static final Set<String> OPERATORS = Set.of("matches", "memberOf", "contains", "excludes", "soundslike", "in",
            "not", "null", "true", "false", "this", "instanceof");
    /** Methods a fact has that a rule has no reason to call: a copy with another owner, the raw settings object. */
    private static final Set<String> WITHHELD = Set.of("withOwner", "settings", "toString", "hashCode", "equals");

    private static final Set<String> MEMBERS = members();
    private static final Map<String, Set<String>> CONSTANTS = constants();

    private PolicyVocabulary() {
    }

    static boolean member(String name) {
        return MEMBERS.contains(name) || VALUE_METHODS.contains(name);
    }

    static boolean operator(String name) {
        return OPERATORS.contains(name);
    }

    static boolean type(String name) {
        return TYPES.containsKey(name);
    }

    static boolean constant(String type, String name) {
        return CONSTANTS.getOrDefault(type, Set.of()).contains(name);
    }

    static boolean importable(String qualifiedName) {
        return TYPES.values().stream().anyMatch(type -> type.getName().equals(qualifiedName));
    }

    private static Map<String, Class<?>> byName(List<Class<?>> types) {
        return types.stream().collect(Collectors.toUnmodifiableMap(Class::getSimpleName, type -> type));
    }

    private static Set<String> members() {
        Set<String> names = new HashSet<>();
        for (Class<?> type : List.of(Share.class, RunContext.class, TeamUser.class)) {
            Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).forEach(names::add);
            Arrays.stream(type.getDeclaredMethods()).filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
                    .map(Method::getName).forEach(names::add);
        }
        names.removeAll(WITHHELD);
        return Set.copyOf(names);
    }

    private static Map<String, Set<String>> constants() {
        Map<String, Set<String>> constants = new HashMap<>();
        TYPES.forEach((name, type) -> {
            if (type.isEnum()) {
                constants.put(name, Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).collect(Collectors.toSet()));
            }
        });
        return Map.copyOf(constants);
    }
}
