package dev.dspm.scanner.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The eight ways a name hid "payroll" from the sensitive-name rule while looking the same in the report, each now
 * matched by the shipped word list, and what folding must not break.
 */
class NameFoldTests {

    private static final Terms SHIPPED = PolicySettings.load(Path.of("policies")).terms("sensitive-names");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "zero-width space        | pay\u200Broll-2026.xlsx",
            "zero-width joiner       | pay\u200Droll-2026.xlsx",
            "soft hyphen             | pay\u00ADroll-2026.xlsx",
            "word joiner             | pay\u2060roll-2026.xlsx",
            "full-width letters      | \uFF50\uFF41\uFF59\uFF52\uFF4F\uFF4C\uFF4C-2026.xlsx",
            "Cyrillic look-alikes    | \u0440\u0430y\u0433\u043Ell-2026.xlsx",
            "combining marks         | pa\u0301y\u0308roll-2026.xlsx",
            "a control character     | pay\u0007roll-2026.xlsx",
            "mathematical letters    | \uD835\uDC29\uD835\uDC1A\uD835\uDC32\uD835\uDC2B\uD835\uDC28\uD835\uDC25\uD835\uDC25.pdf",
            "bidi override           | \u202Epayroll.pdf"})
    void anEvasionThatLooksLikeTheWordIsTheWord(String evasion, String name) {
        assertThat(SHIPPED.matches(name)).as("%s: %s", evasion, name).isTrue();
    }

    @Test
    void whatMatchedBeforeStillMatchesAndWhatDidNotStillDoesNot() {
        assertThat(SHIPPED.matches("salary2024.xlsx")).as("digits still separate words").isTrue();
        assertThat(SHIPPED.matches("Q1 payroll (final).xlsx")).isTrue();
        assertThat(SHIPPED.matches("embankment-survey.pdf")).isFalse();
        assertThat(SHIPPED.matches("payrolling.txt")).isFalse();
        assertThat(SHIPPED.matches("Gehälter 2026.xlsx")).as("a term written with an umlaut").isTrue();
        assertThat(SHIPPED.matches("2026年10月工资表.xlsx")).as("a term written without spaces").isTrue();
        assertThat(SHIPPED.matches("holiday photos")).isFalse();
    }

    @Test
    void foldingIsIdempotentAndLeavesPlainAsciiAsItIs() {
        for (String name : List.of("pay\u200Broll", "\u0440\u0430y\u0433\u043Ell", "ＡＢＣ", "Straße", "x\uD801", "\uDC00y", "")) {
            String once = NameFold.fold(name);
            assertThat(NameFold.fold(once)).as(name).isEqualTo(once);
        }
        String ascii = "Payroll_Q1 (final) 0l1O rn.xlsx";
        assertThat(NameFold.fold(ascii)).isSameAs(ascii);
    }
}
