package dev.dspm.scanner.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** One Markdown table, padded so it also reads in a terminal. */
final class Table {

    private final List<List<String>> rows = new ArrayList<>();

    Table(List<String> header) {
        rows.add(header);
    }

    void add(List<String> row) {
        rows.add(row);
    }

    /** A time and its ratio to the download floor the targets are stated against. */
    static String time(double seconds, double floor) {
        return String.format(Locale.ROOT, "%.2f s (%.2f×)", seconds, seconds / floor);
    }

    String render() {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            line(out, rows.get(r), widths);
            if (r == 0) {
                List<String> rule = new ArrayList<>(Collections.nCopies(columns, ""));
                for (int c = 0; c < columns; c++) {
                    rule.set(c, "-".repeat(Math.max(3, widths[c]) - 1) + (c == 0 ? "-" : ":"));
                }
                line(out, rule, widths);
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String padding = " ".repeat(Math.max(0, widths[c] - cell.length()));
            out.append("| ").append(c == 0 ? cell + padding : padding + cell).append(' ');
        }
        out.append("|\n");
    }
}
