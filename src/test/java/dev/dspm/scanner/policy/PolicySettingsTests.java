package dev.dspm.scanner.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** policies/settings.yaml as the rules read it through RunContext. */
class PolicySettingsTests {

    @TempDir
    Path dir;

    @Test
    void numbersTextsAndWordListsAreReadAsTheRulesAskForThem() throws IOException {
        Files.writeString(dir.resolve("settings.yaml"), """
                stale-public-share-days: 90
                owner-domain: example.com
                sensitive-names: [payroll, "api key"]
                """);
        RunContext context = new RunContext(7, Shares.NOW, PolicySettings.load(dir));

        assertThat(context.number("stale-public-share-days")).isEqualTo(90);
        assertThat(context.daysAgo("stale-public-share-days")).isEqualTo(Shares.NOW.minusSeconds(90L * 86_400));
        assertThat(context.text("owner-domain")).isEqualTo("example.com");
        assertThat(context.matches("sensitive-names", "Payroll 2026.xlsx")).isTrue();
        assertThat(context.matches("sensitive-names", "API-Key backup")).isTrue();
        assertThat(context.matches("sensitive-names", "payrolling")).isFalse();
        assertThatThrownBy(() -> context.number("owner-domain")).hasMessageContaining("\"owner-domain\" must be a whole number");
        assertThatThrownBy(() -> context.matches("owner-domain", "x")).hasMessageContaining("must be a list of words");
    }

    @Test
    void withoutAFileThereAreNoSettingsAndARuleAskingForOneIsToldWhereToAddIt() {
        RunContext context = new RunContext(7, Shares.NOW, PolicySettings.load(dir));

        assertThatThrownBy(() -> context.text("anything"))
                .hasMessage(dir.resolve("settings.yaml") + " has no setting \"anything\", which a rule reads; add it");
    }

    @Test
    void everyMalformedValueIsReportedAtItsLine() throws IOException {
        Files.writeString(dir.resolve("settings.yaml"), """
                ok: 1
                nested:
                  a: b
                words:
                  - payroll
                  - ""
                """);

        assertThatThrownBy(() -> PolicySettings.load(dir)).isInstanceOf(PolicyLoadException.class)
                .satisfies(e -> assertThat(((PolicyLoadException) e).problems()).containsExactly(
                        dir.resolve("settings.yaml") + ":3: nested must be a whole number, a text or a list of words, not a map",
                        dir.resolve("settings.yaml") + ":6: words: each entry must be a non-empty word or phrase"));
    }

    /** Plain data only: an alias (the "billion laughs" expansion) and a repeated key are refused at their line. */
    @Test
    void aliasesAndRepeatedKeysAreRefused() throws IOException {
        Files.writeString(dir.resolve("settings.yaml"), "a: &x [payroll]\nb: *x\n");
        assertThatThrownBy(() -> PolicySettings.load(dir)).isInstanceOf(PolicyLoadException.class)
                .hasMessage(dir.resolve("settings.yaml") + ":2: an alias (*x) is not allowed here; write the value out");
        Files.writeString(dir.resolve("settings.yaml"), "a: 1\nb: 2\na: 3\n");
        assertThatThrownBy(() -> PolicySettings.load(dir)).isInstanceOf(PolicyLoadException.class)
                .hasMessage(dir.resolve("settings.yaml") + ":3: a is given twice; keep one");
    }
}
