package dev.dspm.scanner.report;

/**
 * OCSF's {@code email_t}, as its dictionary.json defines it, {@code ^[a-zA-Z0-9!#$%&'*+-/=?^_`{|}~.]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+$}:
 * an owner's address that is not one (the API's text, of any content) goes under {@code unmapped.dspm.owner_email}
 * instead of {@code email_addr}, exactly as it came. Checked by hand, not by that expression: matching it on each of a
 * million addresses was a tenth of the OCSF file's time (a flight recording). {@code OcsfEmailTests} holds the
 * expression and checks that both agree.
 */
final class OcsfEmail {

    /** The local part's characters besides letters and digits; {@code +-/} in the expression is the range {@code +,-./}. */
    private static final String LOCAL = "!#$%&'*+,-./=?^_`{|}~";

    private OcsfEmail() {
    }

    static boolean matches(String text) {
        int at = text.indexOf('@');
        // the domain's first label ends at its first dot: the label's characters hold none
        int dot = text.indexOf('.', at + 1);
        if (at < 1 || dot < at + 2 || dot == text.length() - 1) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = i < at ? LOCAL.indexOf(c) >= 0 : i == at || c == '-' || c == '.';
            if (!allowed && !letterOrDigit(c)) {
                return false;
            }
        }
        return true;
    }

    /** ASCII only: {@code a-zA-Z0-9}. */
    private static boolean letterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
