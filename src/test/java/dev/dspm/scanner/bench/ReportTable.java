package dev.dspm.scanner.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report benchmark's table: one column per database, one row per measurement. Times are medians of the
 * repetitions, JVM start to exit, each beside its ratio to the plain-CSV floor of the same database measured in
 * the same run, which issue 27's targets (report ≤ {@value #TARGET}× floor, report.json ≤ {@value #JSON_TARGET} bytes a
 * finding) are stated against.
 */
final class ReportTable {

    static final double TARGET = 1.5;
    static final long JSON_TARGET = 400;

    enum Row {
        FINDINGS("findings in the run (the job over a tenant with every share public)"),
        READ("floor: SELECT * of the run's finding rows in key order, read and dropped"),
        CSV("floor: the same rows written as plain CSV, no quoting or escaping"),
        REPORT_FIRST("report alone, the first four files: report.html, report.json, report.csv, remediation.csv"),
        REPORT("report alone, all six: the four, findings.ocsf.jsonl and report.sarif"),
        TARGET("target: report alone (all six) ≤ 1.5× floor plain CSV"),
        STANDARD("findings.ocsf.jsonl and report.sarif: all six less the four; per finding"),
        REPORT_MEMORY("report alone: peak live heap; peak RSS; finished within -Xmx"),
        FLOOR_MEMORY("floor plain CSV: peak live heap; peak RSS"),
        FILES("report.html / report.json / report.csv; floor CSV"),
        STANDARD_FILES("findings.ocsf.jsonl / report.sarif: size; per finding"),
        JSON_SIZE("report.json: bytes a finding; target ≤ 400"),
        STEP("job: its report step (from batch_step_execution), inside the nightly run");

        final String label;

        Row(String label) {
            this.label = label;
        }
    }

    /** What a repeated program measured: its times, and the largest peaks of all its runs. */
    record Timed(List<Double> seconds, long peakLiveHeapBytes, long peakRssBytes) {
        double median() {
            return ReportTable.median(seconds);
        }
    }

    private final String title;
    private final List<String> labels = new ArrayList<>();
    private final List<Map<Row, String>> columns = new ArrayList<>();

    ReportTable(String title) {
        this.title = title;
    }

    /** A database's column; cells left out stay empty. */
    Map<Row, String> column(String label) {
        labels.add(label);
        Map<Row, String> cells = new EnumMap<>(Row.class);
        columns.add(cells);
        return cells;
    }

    /** The rows that compare the report with its floor, from the medians of the same run. */
    static void fill(Map<Row, String> cells, Timed read, Timed csv, Timed report, double reportStep) {
        double floor = csv.median();
        cells.put(Row.READ, time(read, floor));
        cells.put(Row.CSV, time(csv, floor));
        cells.put(Row.REPORT, time(report, floor));
        double ratio = report.median() / floor;
        cells.put(Row.TARGET, String.format(Locale.ROOT, "%.2f× ≤ %.1f×: %s", ratio, TARGET, ratio <= TARGET ? "met" : "missed"));
        cells.put(Row.REPORT_MEMORY, mib(report.peakLiveHeapBytes()) + "; " + mib(report.peakRssBytes()) + "; yes");
        cells.put(Row.FLOOR_MEMORY, mib(csv.peakLiveHeapBytes()) + "; " + mib(csv.peakRssBytes()));
        cells.put(Row.STEP, Double.isNaN(reportStep) ? "no report step"
                : String.format(Locale.ROOT, "%.2f s (%.2f×)", reportStep, reportStep / floor));
    }

    /** What the two standard formats add: the report with them less the report without, and their sizes, per finding. */
    static void standard(Map<Row, String> cells, Timed first, Timed all, double floor, long findings, long jsonBytes,
            long ocsfBytes, long sarifBytes) {
        cells.put(Row.REPORT_FIRST, time(first, floor));
        double added = all.median() - first.median();
        cells.put(Row.STANDARD, String.format(Locale.ROOT, "%.2f s (%.2f× floor); %.1f µs a finding", added, added / floor,
                added * 1e6 / findings));
        cells.put(Row.STANDARD_FILES, String.format(Locale.ROOT, "%s / %s; %,d / %,d bytes", megabytes(ocsfBytes),
                megabytes(sarifBytes), ocsfBytes / findings, sarifBytes / findings));
        long json = jsonBytes / findings;
        cells.put(Row.JSON_SIZE, String.format(Locale.ROOT, "%,d ≤ %d: %s", json, JSON_TARGET, json <= JSON_TARGET ? "met" : "missed"));
    }

    static String time(Timed timed, double floor) {
        List<Double> sorted = timed.seconds().stream().sorted().toList();
        return String.format(Locale.ROOT, "%.2f s (%.2f×) [%.2f–%.2f]", timed.median(), timed.median() / floor,
                sorted.get(0), sorted.get(sorted.size() - 1));
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    String render() {
        List<String> header = new ArrayList<>(List.of(title));
        header.addAll(labels);
        Table table = new Table(header);
        for (Row row : Row.values()) {
            List<String> cells = new ArrayList<>(List.of(row.label));
            columns.forEach(column -> cells.add(column.getOrDefault(row, "")));
            table.add(cells);
        }
        return table.render();
    }
}
