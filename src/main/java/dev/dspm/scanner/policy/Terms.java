package dev.dspm.scanner.policy;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A list of words and phrases matched in a name case-insensitively, in any script. A term written in
 * letters of a script that separates words (Latin, Cyrillic, Greek, Arabic, ...) matches only as a whole
 * word: not preceded or followed by another letter of such a script, so "bank" matches "bank-statement.pdf"
 * and "Bank_2026" but not "embankment" or "banking". Digits and punctuation separate words, so "salary2024"
 * matches "salary", and so do the characters of scripts written without spaces, so "员工Payroll表" matches
 * "payroll". A term in a script written without spaces (Chinese, Japanese, Korean, Thai) matches
 * anywhere, since those names have no word boundary to look for. A space inside a term matches any run
 * of spaces, underscores, hyphens and dots, or none: "api key" matches "API-Key", "api_key" and "apikey".
 */
final class Terms {

    private static final Set<Character.UnicodeScript> UNSPACED = EnumSet.of(Character.UnicodeScript.HAN,
            Character.UnicodeScript.HIRAGANA, Character.UnicodeScript.KATAKANA, Character.UnicodeScript.HANGUL,
            Character.UnicodeScript.THAI, Character.UnicodeScript.LAO, Character.UnicodeScript.KHMER,
            Character.UnicodeScript.MYANMAR);
    /** A letter that would make a spaced-script term part of a longer word: any letter but those of UNSPACED. */
    private static final String WORD_LETTER = "[\\p{L}&&[^" + UNSPACED.stream().map(script -> "\\p{Is" + script + "}")
            .collect(Collectors.joining()) + "]]";

    private final List<String> terms;
    private final Pattern pattern;

    Terms(List<String> terms) {
        this.terms = List.copyOf(terms);
        this.pattern = Pattern.compile(this.terms.stream().map(Terms::regex).collect(Collectors.joining("|")),
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    boolean matches(String text) {
        return text != null && !terms.isEmpty() && pattern.matcher(text).find();
    }

    List<String> terms() {
        return terms;
    }

    private static String regex(String term) {
        String[] words = term.strip().toLowerCase(Locale.ROOT).split("[\\s_.\\-]+");
        String body = java.util.Arrays.stream(words).map(Pattern::quote).collect(Collectors.joining("[\\s_.\\-]*"));
        boolean spaced = !unspacedScript(term.strip().codePointAt(0));
        boolean endsSpaced = !unspacedScript(term.strip().codePointBefore(term.strip().length()));
        return (spaced ? "(?<!" + WORD_LETTER + ")" : "") + body + (endsSpaced ? "(?!" + WORD_LETTER + ")" : "");
    }

    private static boolean unspacedScript(int codePoint) {
        return UNSPACED.contains(Character.UnicodeScript.of(codePoint));
    }
}
