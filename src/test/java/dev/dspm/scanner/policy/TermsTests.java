package dev.dspm.scanner.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.dspm.scanner.manus.AssetType;
import dev.dspm.scanner.simulator.ListedShare;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/** The scan finds exactly what the terms' regex finds: on the simulator's names, and on names made to trip it. */
class TermsTests {

    private static final List<String> DEFAULT = PolicySettings.load(Path.of("policies")).terms("sensitive-names").terms();

    /** Pieces names are made of: the terms' own letters, separators, letters of other scripts, odd cases. */
    private static final String[] PIECES = { " ", "_", ".", "-", "--", "\t", "\n", "\u000B", "\f", "\r", "\u00A0", "\u3000",
            "/", "(", "1", "2026", "é", "É", "ß", "ẞ", "ſ", "K", "İ", "ı", "ǅ", "µ", "Μ", "ς", "Σ", "ﬀ", "\u0301", "\u0345",
            "ä", "A\u0308", "ñ", "Ñ", "й", "Й", "ё", "日", "本", "の", "カ", "ー", "한", "ก", "ا", "ب", "\uD801\uDC00",
            "\uD801\uDC28", "\uD835\uDC00", "\uD83D\uDE80", "\uD801", "\uDC00", "\u200B", "\u202E", "x", "X", "a", "s", "k",
            "bank", "BANK", "embank", "ing", "api", "Key", "keys", "nda", "NDA" };

    @Test
    void findsWhatTheRegexFindsInTheSimulatorsNames() {
        SimulatedTenant tenant = SimulatedTenant.generate(TenantSpec.realistic(42, 100_000));
        Set<String> names = new LinkedHashSet<>();
        for (AssetType type : AssetType.values()) {
            tenant.listed(type.wireName()).stream().map(ListedShare::assetName).forEach(names::add);
        }
        int matched = assertSameAsRegex(DEFAULT, new ArrayList<>(names));
        assertThat(names).hasSizeGreaterThan(1_000);
        assertThat(matched).as("names with a sensitive word").isBetween(names.size() / 20, names.size() / 2);
    }

    @Test
    void findsWhatTheRegexFindsInHostileNames() {
        SplittableRandom random = new SplittableRandom(13);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            names.add(name(random, DEFAULT));
        }
        assertThat(assertSameAsRegex(DEFAULT, names)).isGreaterThan(10_000);
    }

    @Test
    void findsWhatTheRegexFindsForOddTerms() {
        List<List<String>> lists = List.of(
                List.of("-abc", "_x y_", "a", "K", "ǅ", "ß", "straße", "İstanbul", "μ", "ς", "ﬀ", "s s", "机密 file",
                        "file 机密", "로그", ". dot", "x\u0301", "ab.-cd", "i", "ı", "ab", "a b", "abc d"),
                List.of("机", "b"));
        SplittableRandom random = new SplittableRandom(17);
        for (List<String> odd : lists) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 50_000; i++) {
                names.add(name(random, odd));
            }
            assertThat(assertSameAsRegex(odd, names)).isGreaterThan(5_000);
        }
    }

    @Test
    void leavesTermsItDoesNotModelToTheRegex() {
        for (List<String> terms : List.of(List.of("rocket \uD83D\uDE80", "bank"), List.of("-", "bank"), List.of("\uD801\uDC00x"))) {
            SplittableRandom random = new SplittableRandom(19);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                names.add(name(random, terms));
            }
            assertSameAsRegex(terms, names);
        }
        assertThat(new Terms(List.of("rocket \uD83D\uDE80")).matches("my ROCKET-\uD83D\uDE80 launch")).isTrue();
    }

    @Test
    void wholeWordsAnyCaseAnyScript() {
        Terms terms = new Terms(DEFAULT);
        assertThat(terms.matches("Bank_2026.pdf")).isTrue();
        assertThat(terms.matches("embankment.pdf")).isFalse();
        assertThat(terms.matches("banking.pdf")).isFalse();
        assertThat(terms.matches("salary2024.xlsx")).isTrue();
        assertThat(terms.matches("API.keys")).isTrue();
        assertThat(terms.matches("apikey")).isTrue();
        assertThat(terms.matches("2026年工资表.xlsx")).isTrue();
        assertThat(terms.matches("GEHÄLTER")).isTrue();
        assertThat(terms.matches("ПАРОЛЬ")).isTrue();
        assertThat(terms.matches("Quarterly roadmap")).isFalse();
        assertThat(terms.matches(null)).isFalse();
        assertThat(new Terms(List.of()).matches("payroll")).isFalse();
    }

    /** What the scan relies on to look a term up by the folded first character of a name's word. */
    @Test
    void foldingIsIdempotentAndStaysInItsPlane() {
        List<String> broken = new ArrayList<>();
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            int folded = Character.toLowerCase(Character.toUpperCase(c));
            if (Character.toLowerCase(Character.toUpperCase(folded)) != folded
                    || Character.isBmpCodePoint(folded) != Character.isBmpCodePoint(c)) {
                broken.add(String.format("U+%04X", c));
            }
        }
        assertThat(broken).isEmpty();
    }

    /** Asserts both agree on every name; returns how many matched. */
    private static int assertSameAsRegex(List<String> termList, List<String> names) {
        Terms terms = new Terms(termList);
        // The definition: the regex of the folded terms, on the folded name.
        Pattern regex = Terms.regex(termList.stream().map(NameFold::fold).toList());
        int matched = 0;
        for (String name : names) {
            boolean expected = regex.matcher(NameFold.fold(name)).find();
            assertThat(terms.matches(name)).as("%s in \"%s\" %s", termList, name, name.codePoints()
                    .mapToObj(c -> Integer.toHexString(c)).toList()).isEqualTo(expected);
            matched += expected ? 1 : 0;
        }
        return matched;
    }

    /** A few pieces, often with a term in some case and spelling, its spaces replaced by separators or dropped. */
    private static String name(SplittableRandom random, List<String> terms) {
        StringBuilder name = new StringBuilder();
        int parts = 1 + random.nextInt(6);
        for (int i = 0; i < parts; i++) {
            if (random.nextInt(3) == 0) {
                String term = terms.get(random.nextInt(terms.size()));
                term = switch (random.nextInt(4)) {
                    case 0 -> term.toUpperCase(Locale.ROOT);
                    case 1 -> term.substring(0, 1).toUpperCase(Locale.ROOT) + term.substring(1);
                    case 2 -> term.substring(0, random.nextInt(term.length()) + 1);
                    default -> term;
                };
                name.append(term.replace(" ", List.of("", " ", "-", "_.", "__", "\u00A0").get(random.nextInt(6))));
            } else {
                name.append(PIECES[random.nextInt(PIECES.length)]);
            }
        }
        return name.toString();
    }
}
