package dev.dspm.scanner.policy.drools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Constraints one at a time: what reads the facts passes, everything that could act is named. */
class ConstraintCheckTests {

    @ParameterizedTest
    @ValueSource(strings = { "permission == ShareScope.PUBLIC", "assetName != null && assetName.startsWith(\"a=b\")",
            "lastActiveAt <= $context.daysAgo(\"stale\")", "owner.role != TeamRole.GUEST || exposed()", "$n : assetName",
            "assetName matches \".*[0-9]{2}\\\\.pdf\"", "assetType in (AssetType.FILE_SHARE, AssetType.PROJECT_SHARE)",
            "ownerId not memberOf $context.text(\"x\")", "uid >= \"a\"", "-1 < 2.5" })
    void aComparisonOfTheFactsPasses(String constraint) {
        assertThat(ConstraintCheck.problem(constraint)).as(constraint).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "assetName = \"x\"                    | '=' changes a value",
            "uid++ > 0                            | '++' changes a value",
            "uid-- > 0                            | '--' changes a value",
            "java.lang.System.exit(0) == 0        | 'java' is not a field or method",
            "assetName.getClass() != null         | 'getClass' is not a field or method",
            "ShareScope.valueOf(\"PUBLIC\") == permission | 'ShareScope.valueOf' is not a constant of ShareScope",
            "permission == ShareScope.EVERYONE    | 'ShareScope.EVERYONE' is not a constant of ShareScope",
            "AssetType.class != null              | 'AssetType.class' is not a constant of AssetType",
            "assetName == new String(\"x\")       | 'new' makes an object",
            "Share(\"x\") != null                 | 'Share(' makes an object",
            "uid.chars().anyMatch(c -> c > 0)     | 'chars' is not a field or method",
            "uid == $g::valueOf                   | '::' makes a function",
            "x -> 1                               | 'x' is not a field or method",
            "uid str[startsWith] \"x\"            | the str[...] operator fails at run time",
            "uid == { }                           | the character '{' has no use",
            "uid == \"unclosed                    | a text literal is not closed",
            "uid == \"a\" ; exit                  | the character ';' has no use" })
    void whatCouldActIsNamed(String constraint, String problem) {
        assertThat(ConstraintCheck.problem(constraint)).as(constraint).hasValueSatisfying(line -> assertThat(line).startsWith(problem));
    }
}
