package dev.dspm.scanner.remediation;

/**
 * The note {@code update_scope} writes to the team's audit log: the only record there of why a share changed. It
 * names the tool, the run, the policy and the change, e.g.
 * {@code dspm-scanner run 42: policy public-file-share (File shared by a public link) PUBLIC -> TEAM_ONLY}. It holds
 * no tenant text, has no control character (nothing in it can forge a line of a log) and is at most
 * {@link #MAX_LENGTH} characters: the policy's title is shortened to fit.
 */
final class AuditNote {

    static final int MAX_LENGTH = 500;

    private AuditNote() {
    }

    /** What a note says of an approved plan's action: {@code plan of run 42, approved}. */
    static String approved(long plan) {
        return "plan of run " + plan + ", approved";
    }

    /** What a note says of an action that takes an earlier run's change back: {@code reverting run 42}. */
    static String reverting(long run) {
        return "reverting run " + run;
    }

    /** @param basis where the action comes from besides tonight's findings (see above), or null */
    static String of(String prefix, long runId, String basis, String policyId, String title, String from, String to) {
        String head = (prefix == null ? "" : clean(prefix) + " ") + "dspm-scanner run " + runId
                + (basis == null ? "" : " (" + basis + ")") + ": policy " + clean(policyId);
        String change = " " + from + " -> " + to;
        String cleanTitle = clean(title);
        int room = MAX_LENGTH - head.length() - change.length() - " ()".length();
        if (room < 4) {
            return (head + change).substring(0, Math.min(MAX_LENGTH, head.length() + change.length()));
        }
        if (cleanTitle.length() > room) {
            cleanTitle = cleanTitle.substring(0, room - 1) + "\u2026";
        }
        return head + " (" + cleanTitle + ")" + change;
    }

    /** Control characters (line breaks among them), line and paragraph separators and bidi controls become spaces. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) || c == 0x2028 || c == 0x2029
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ? ' ' : c));
        return clean.toString().strip().replaceAll(" {2,}", " ");
    }
}
