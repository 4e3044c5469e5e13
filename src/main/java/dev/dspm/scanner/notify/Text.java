package dev.dspm.scanner.notify;

/** Tenant and policy text made safe to show: what every channel does before its own escaping. */
final class Text {

    private Text() {
    }

    /**
     * Control and format characters (line breaks that would forge a line, bidi overrides that would reorder one) as
     * {@code ?}, and at most {@code max} code points, an ellipsis marking a cut; null as {@code -}.
     */
    static String printable(String text, int max) {
        if (text == null) {
            return "-";
        }
        StringBuilder shown = new StringBuilder();
        int[] points = text.codePoints().toArray();
        for (int i = 0; i < Math.min(points.length, max); i++) {
            int type = Character.getType(points[i]);
            shown.appendCodePoint(type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR ? '?' : points[i]);
        }
        return points.length > max ? shown.append('\u2026').toString() : shown.toString();
    }

    /** A count and a noun, {@code 1 finding}, {@code 2,000 findings}. */
    static String count(long n, String noun) {
        return String.format("%,d %s%s", n, noun, n == 1 ? "" : "s");
    }
}
