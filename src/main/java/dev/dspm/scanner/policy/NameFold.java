package dev.dspm.scanner.policy;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;

/**
 * The form a name is matched in, so that it cannot hide a word from the rules behind characters a reader never sees
 * or cannot tell apart: NFKC with case folding (full-width and styled letters become plain ones; the invisible
 * "default ignorable" characters — zero-width space and joiners, soft hyphen, word joiner, bidi controls — go),
 * control characters and combining marks removed (p&#x0301;ayroll), and each letter that Unicode's confusables
 * (UTS #39) map to plain ASCII letters or digits replaced by them (Cyrillic "раyroll"). ASCII itself is left alone:
 * its own confusables (1 and l, 0 and O, rn and m) would turn "salary2024" into a longer word. Terms are folded the
 * same way, so a word list in any script matches as before.
 */
final class NameFold {

    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
    private static final Normalizer2 NFD = Normalizer2.getNFDInstance();
    private static final SpoofChecker CONFUSABLES = new SpoofChecker.Builder().build();

    private NameFold() {
    }

    static String fold(String text) {
        if (text == null || isPlainAscii(text)) {
            return text;
        }
        String decomposed = NFD.normalize(NFKC_CASEFOLD.normalize(text));
        StringBuilder folded = new StringBuilder(decomposed.length());
        decomposed.codePoints().forEach(c -> {
            int type = UCharacter.getType(c);
            if (type == UCharacter.NON_SPACING_MARK || type == UCharacter.ENCLOSING_MARK || type == UCharacter.CONTROL
                    || type == UCharacter.FORMAT) {
                return;
            }
            if (c < 0x80) {
                folded.appendCodePoint(c);
                return;
            }
            String skeleton = CONFUSABLES.getSkeleton(new String(Character.toChars(c)));
            folded.append(isPlainAscii(skeleton) && !skeleton.isEmpty() ? UCharacter.foldCase(skeleton, true)
                    : new String(Character.toChars(c)));
        });
        return NFKC_CASEFOLD.normalize(folded);
    }

    /** Printable ASCII only: nothing to fold, the common case at a million names a night. */
    private static boolean isPlainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
