package dev.dspm.scanner.policy;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A list of words and phrases matched in a name case-insensitively, in any script. A term written in
 * letters of a script that separates words (Latin, Cyrillic, Greek, Arabic, ...) matches only as a whole
 * word: not preceded or followed by another letter, so "bank" matches "bank-statement.pdf" and
 * "Bank_2026" but not "embankment" or "banking". Digits and punctuation separate words, so "salary2024"
 * matches "salary". A term in a script written without spaces (Chinese, Japanese, Korean, Thai) matches
 * anywhere, since those names have no word boundary to look for. A space inside a term matches any run
 * of spaces, underscores, hyphens and dots, or none: "api key" matches "API-Key", "api_key" and "apikey".
 */
final class Terms {

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
        return (spaced ? "(?<!\\p{L})" : "") + body + (endsSpaced ? "(?!\\p{L})" : "");
    }

    private static boolean unspacedScript(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return switch (script) {
            case HAN, HIRAGANA, KATAKANA, HANGUL, THAI, LAO, KHMER, MYANMAR -> true;
            default -> false;
        };
    }
}
