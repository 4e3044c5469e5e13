package dev.dspm.scanner.policy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;

/**
 * {@code --test-policies}: runs the tests beside a policy pack ({@code policies/tests/*.yaml}), as
 * {@code opa test} does for Rego, without starting the job: no database, no key, no request. Prints one
 * line per test, a warning for each rule no test expects to fire and for each no test expects not to
 * fire, then a summary. Exit 0 when every test passes, 1 when one fails, 2 when the pack or a test file
 * cannot be read (one line per problem, naming file and line); the same numbers as the job's exit codes.
 */
public final class PolicyTestCommand {

    static final String FLAG = "--test-policies";
    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int MALFORMED = 2;
    private static final String DIR_ARG = "--dspm.policies.dir=";
    private static final String DIR_VARIABLE = "DSPM_POLICIES_DIR";

    private PolicyTestCommand() {
    }

    public static boolean requested(String[] args) {
        return Arrays.asList(args).contains(FLAG);
    }

    /** Runs the tests of the pack named by {@code --dspm.policies.dir=}, else {@code DSPM_POLICIES_DIR}, else {@code policies}. */
    public static int run(String[] args, Map<String, String> variables) {
        // Any other argument is a setting this command would silently ignore: a mistyped folder setting
        // would test the default pack and pass.
        List<String> others = Arrays.stream(args).filter(arg -> !arg.equals(FLAG) && !arg.startsWith(DIR_ARG)).toList();
        if (!others.isEmpty()) {
            System.err.println("dspm-scanner: " + FLAG + " takes no argument but " + DIR_ARG + "DIR; remove " + others);
            return MALFORMED;
        }
        Path dir = Path.of(Arrays.stream(args).filter(arg -> arg.startsWith(DIR_ARG)).reduce((first, last) -> last)
                .map(arg -> arg.substring(DIR_ARG.length()))
                .orElse(variables.getOrDefault(DIR_VARIABLE, "policies")));
        quietDrools();
        PolicyPack pack;
        List<PolicyFixture> fixtures;
        try {
            pack = PolicyLoader.load(dir);
            fixtures = PolicyFixtures.load(pack);
        } catch (PolicyLoadException e) {
            e.problems().forEach(System.err::println);
            return MALFORMED;
        }
        int failed = 0;
        for (PolicyFixture fixture : fixtures) {
            Optional<String> failure = failure(pack, fixture);
            failed += failure.isPresent() ? 1 : 0;
            System.out.println(failure.map(why -> "FAIL " + fixture.where() + " " + fixture.name() + ": " + why)
                    .orElse("PASS " + fixture.where() + " " + fixture.name()));
        }
        int warnings = warnUntested(pack, fixtures, PolicyFixture::expect, "to fire")
                + warnUntested(pack, fixtures, PolicyFixture::expectNot, "not to fire");
        System.out.printf("%d tests, %d passed, %d failed; %d rules, %d warnings%n", fixtures.size(),
                fixtures.size() - failed, failed, pack.rules().size(), warnings);
        return failed == 0 ? PASSED : FAILED;
    }

    /**
     * Without Spring, application.properties does not quiet Drools, whose notes on compiling (and, at
     * length, on a rule that does not compile) would come between the test lines; every problem they
     * describe is printed as a line of its own.
     */
    private static void quietDrools() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.getLogger("org.drools").setLevel(Level.OFF);
            logback.getLogger("org.kie").setLevel(Level.OFF);
        }
    }

    private static Optional<String> failure(PolicyPack pack, PolicyFixture fixture) {
        try {
            Set<String> fired = new Judge(pack, new RunContext(0, fixture.now(), pack.settings()))
                    .judge(List.of(fixture.share())).stream()
                    .map(finding -> finding.policy().id()).collect(Collectors.toCollection(LinkedHashSet::new));
            return fixture.failure(fired);
        } catch (RuntimeException e) {
            // The user needs the test that hit it, not a stack trace.
            return Optional.of("a rule failed while judging the share: " + e);
        }
    }

    /** Prints a warning per rule no test names in {@code expected}; returns how many. */
    private static int warnUntested(PolicyPack pack, List<PolicyFixture> fixtures,
            Function<PolicyFixture, List<String>> expected, String what) {
        Set<String> named = fixtures.stream().flatMap(fixture -> expected.apply(fixture).stream()).collect(Collectors.toSet());
        List<PolicyRule> untested = pack.rules().stream().filter(rule -> !named.contains(rule.id())).toList();
        untested.forEach(rule -> System.out.println("WARN " + rule.file() + ":" + rule.line() + " " + rule.id()
                + ": no test expects it " + what));
        return untested.size();
    }
}
