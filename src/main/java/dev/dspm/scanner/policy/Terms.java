package dev.dspm.scanner.policy;

import java.util.Arrays;
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
 *
 * <p>{@link #regex} is the definition. But the rules ask about most shares of a tenant, and that regex, some
 * seventy alternatives each behind a look-behind, costs tens of microseconds a name. So the terms are also
 * laid out as a trie, walked from each position of a name, which finds exactly what the regex finds
 * (TermsTests compares the two) in a few hundred nanoseconds. The regex still serves a list holding a term
 * the trie does not model: one with a character outside the Basic Multilingual Plane, or nothing but
 * separators.
 */
final class Terms {

    private static final String SEPARATORS = "[\\s_.\\-]";
    private static final Set<Character.UnicodeScript> UNSPACED = EnumSet.of(Character.UnicodeScript.HAN,
            Character.UnicodeScript.HIRAGANA, Character.UnicodeScript.KATAKANA, Character.UnicodeScript.HANGUL,
            Character.UnicodeScript.THAI, Character.UnicodeScript.LAO, Character.UnicodeScript.KHMER,
            Character.UnicodeScript.MYANMAR);
    /** A letter that would make a spaced-script term part of a longer word: any letter but those of UNSPACED. */
    private static final String WORD_LETTER = "[\\p{L}&&[^" + UNSPACED.stream().map(script -> "\\p{Is" + script + "}")
            .collect(Collectors.joining()) + "]]";
    /** Every BMP char folded as the regex compares them (Pattern's UNICODE_CASE): a lookup, not two mappings. */
    private static final char[] FOLDED = new char[Character.MAX_VALUE + 1];

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            FOLDED[c] = (char) Character.toLowerCase(Character.toUpperCase(c));
        }
    }

    private final List<String> terms;
    private final Pattern pattern;
    /** The terms that look behind for a letter, and those that do not; null when the regex matches instead. */
    private final Node atWordStart;
    private final Node anywhere;

    Terms(List<String> terms) {
        this.terms = List.copyOf(terms);
        // Names are matched folded (NameFold), so the terms are too: a list in any script matches as written.
        List<String> folded = this.terms.stream().map(NameFold::fold).toList();
        this.pattern = regex(folded);
        Node wordStart = new Node();
        Node any = new Node();
        boolean modelled = true;
        for (String term : folded) {
            modelled &= add(term, lookBehind(term) ? wordStart : any);
        }
        this.atWordStart = modelled ? wordStart.asRoot() : null;
        this.anywhere = modelled ? any.asRoot() : null;
    }

    boolean matches(String name) {
        if (name == null || terms.isEmpty()) {
            return false;
        }
        String text = NameFold.fold(name);
        if (atWordStart == null) {
            return pattern.matcher(text).find();
        }
        // The look-behind, one char as Pattern looks behind (half a surrogate pair is no letter), is decided here.
        boolean afterLetter = false;
        for (int at = 0; at < text.length(); at++) {
            char c = text.charAt(at);
            if (!afterLetter && atWordStart.startsAt(c, text, at) || anywhere.startsAt(c, text, at)) {
                return true;
            }
            afterLetter = wordLetter(c);
        }
        return false;
    }

    List<String> terms() {
        return terms;
    }

    /** All terms as one case-insensitive regex: what {@link #matches} finds, by definition. */
    static Pattern regex(List<String> terms) {
        return Pattern.compile(terms.stream().map(Terms::regex).collect(Collectors.joining("|")),
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static String regex(String term) {
        String body = Arrays.stream(words(term)).map(Pattern::quote).collect(Collectors.joining(SEPARATORS + "*"));
        return (lookBehind(term) ? "(?<!" + WORD_LETTER + ")" : "") + body + (lookAhead(term) ? "(?!" + WORD_LETTER + ")" : "");
    }

    private static String[] words(String term) {
        return term.strip().toLowerCase(Locale.ROOT).split(SEPARATORS + "+");
    }

    private static boolean lookBehind(String term) {
        return !unspacedScript(term.strip().codePointAt(0));
    }

    private static boolean lookAhead(String term) {
        String stripped = term.strip();
        return !unspacedScript(stripped.codePointBefore(stripped.length()));
    }

    private static boolean unspacedScript(int codePoint) {
        return UNSPACED.contains(Character.UnicodeScript.of(codePoint));
    }

    /** What {@link #WORD_LETTER} matches, without a regex: the look-behind and look-ahead of the trie. */
    private static boolean wordLetter(int c) {
        return c < 128 ? Character.isLetter(c) : Character.isLetter(c) && !unspacedScript(c);
    }

    /**
     * Adds the term's path to the trie as its regex reads the term; false when the trie cannot model it. Pattern
     * compares a quoted word of two or more characters folded, char by char, so those are edges of folded
     * chars; a word of one character it compares as a single code point, folded only if it has case, so that
     * is an edge of its own. A separator leading the term adds nothing: a match after separators matches
     * where they end as well, with no letter behind it. Splitting leaves no other empty word.
     */
    private static boolean add(String term, Node root) {
        List<String> words = Arrays.stream(words(term)).filter(word -> !word.isEmpty()).toList();
        boolean outsideBmp = words.stream().anyMatch(word -> word.chars().anyMatch(c -> Character.isSurrogate((char) c)));
        if (words.isEmpty() || outsideBmp) {
            return false;
        }
        Node node = root;
        for (int w = 0; w < words.size(); w++) {
            String word = words.get(w);
            node = w == 0 ? node : node.separated();
            if (word.length() == 1) {
                node = node.single(word.charAt(0));
            } else {
                for (int i = 0; i < word.length(); i++) {
                    node = node.child(FOLDED[word.charAt(i)]);
                }
            }
        }
        node.ends(lookAhead(term));
        return true;
    }

    private static boolean separator(char c) {
        return switch (c) {
            case ' ', '\t', '\n', '\u000B', '\f', '\r', '_', '.', '-' -> true;
            default -> false;
        };
    }

    /** Pattern's comparison of a one-character word: folded when the character has case, exact when not. */
    private static boolean sameSingle(char term, int c) {
        int upper = Character.toUpperCase(term);
        int lower = Character.toLowerCase(upper);
        return upper != lower ? c == lower || Character.toLowerCase(Character.toUpperCase(c)) == lower : c == term;
    }

    /**
     * A point in some terms: the folded chars that continue a word, the one-character words that start here,
     * the separators that may end a word here (any run, or none, before the next word: no word starts with a
     * separator, so the run is skipped whole), and whether a term ends here, followed by anything or by no
     * letter (the look-ahead, one code point).
     */
    private static final class Node {

        private char[] keys = {};
        private Node[] children = {};
        private Node[] asciiChildren;
        private char[] singles = {};
        private Node[] afterSingles = {};
        private Node separated;
        private boolean end;
        private boolean endBeforeNonLetter;

        /** For a root, whose terms all start with a word: whether one starts with {@code c}, at {@code at}. */
        boolean startsAt(char c, String text, int at) {
            if (keys.length == 0 && singles.length == 0) {
                return false;
            }
            return continuesWith(c, text, at);
        }

        /** Whether a term continues with {@code c}, the char at {@code at}, and ends within the rest of the text. */
        private boolean continuesWith(char c, String text, int at) {
            Node next = next(FOLDED[c]);
            if (next != null && next.matches(text, at + 1)) {
                return true;
            }
            for (int i = 0; i < singles.length; i++) {
                if (sameSingle(singles[i], text.codePointAt(at)) && afterSingles[i].matches(text, at + 1)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether some term continues from here and ends within the text starting at {@code at}. */
        boolean matches(String text, int at) {
            if (end || endBeforeNonLetter && (at == text.length() || !wordLetter(text.codePointAt(at)))) {
                return true;
            }
            if (at < text.length() && continuesWith(text.charAt(at), text, at)) {
                return true;
            }
            if (separated == null) {
                return false;
            }
            int next = at;
            while (next < text.length() && separator(text.charAt(next))) {
                next++;
            }
            return separated.matches(text, next);
        }

        private Node next(char folded) {
            if (asciiChildren != null && folded < 128) {
                return asciiChildren[folded];
            }
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] == folded) {
                    return children[i];
                }
            }
            return null;
        }

        /** A root is asked at every position of a name: its ASCII children are looked up, not searched. */
        Node asRoot() {
            asciiChildren = new Node[128];
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] < 128) {
                    asciiChildren[keys[i]] = children[i];
                }
            }
            return this;
        }

        Node child(char folded) {
            Node child = next(folded);
            if (child == null) {
                child = new Node();
                keys = append(keys, folded);
                children = Arrays.copyOf(children, children.length + 1);
                children[children.length - 1] = child;
            }
            return child;
        }

        Node single(char c) {
            for (int i = 0; i < singles.length; i++) {
                if (singles[i] == c) {
                    return afterSingles[i];
                }
            }
            singles = append(singles, c);
            afterSingles = Arrays.copyOf(afterSingles, afterSingles.length + 1);
            return afterSingles[afterSingles.length - 1] = new Node();
        }

        Node separated() {
            if (separated == null) {
                separated = new Node();
            }
            return separated;
        }

        void ends(boolean lookAhead) {
            if (lookAhead) {
                endBeforeNonLetter = true;
            } else {
                end = true;
            }
        }

        private static char[] append(char[] chars, char c) {
            char[] longer = Arrays.copyOf(chars, chars.length + 1);
            longer[chars.length] = c;
            return longer;
        }
    }
}
