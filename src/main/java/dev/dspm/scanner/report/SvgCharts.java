package dev.dspm.scanner.report;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.dspm.scanner.policy.Severity;
import dev.dspm.scanner.report.ReportOverview.Exposure;
import dev.dspm.scanner.report.ReportOverview.RunPoint;

/**
 * The page's two charts as inline SVG: no script draws them and nothing is loaded. Colours come from the
 * stylesheet's severity classes, the same ones the badges use, so a severity has one colour on the whole page.
 */
final class SvgCharts {

    static final int WIDTH = 720;
    private static final Severity[] WORST_FIRST = { Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW };
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private SvgCharts() {
    }

    static void write(Html html, ReportOverview overview) throws IOException {
        html.raw("<section id=\"charts\">\n<h2>Charts</h2>\n<div class=\"pair\">\n<figure>\n");
        exposure(html, overview.exposure());
        html.raw("</figure>\n<figure>\n");
        history(html, overview.history());
        html.raw("</figure>\n</div>\n</section>\n");
    }

    /** Open findings per asset type, one bar per type (most first), stacked worst severity first. */
    static void exposure(Html html, List<Exposure> exposure) throws IOException {
        html.raw("<figcaption>Open findings (NEW + OPEN) by asset type and severity</figcaption>\n");
        Map<String, Map<Severity, Long>> byType = new LinkedHashMap<>();
        for (Exposure e : exposure) {
            if (e.open() > 0) {
                byType.computeIfAbsent(String.valueOf(e.assetType()), t -> new EnumMap<>(Severity.class))
                        .merge(e.severity(), e.open(), Long::sum);
            }
        }
        if (byType.isEmpty()) {
            html.raw("<p class=\"none\" id=\"chart-exposure\">No open findings.</p>\n");
            return;
        }
        List<Map.Entry<String, Map<Severity, Long>>> bars = byType.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, Map<Severity, Long>> e) -> -total(e.getValue())))
                .toList();
        long max = bars.stream().mapToLong(e -> total(e.getValue())).max().orElse(1);
        // Wide enough for SESSION_COLLABORATION; an unknown type (the API's own text) is shortened to fit.
        int label = 250;
        int area = WIDTH - label - 70;
        int height = 34 + bars.size() * 28;
        svgOpen(html, "chart-exposure", "Open findings by asset type and severity", height);
        int x = label;
        for (Severity severity : WORST_FIRST) {
            html.raw("<rect class=\"sev-" + css(severity) + "\" x=\"" + x + "\" y=\"4\" width=\"12\" height=\"12\"/>")
                    .raw("<text x=\"" + (x + 16) + "\" y=\"14\">" + severity + "</text>");
            x += 110;
        }
        int y = 30;
        for (Map.Entry<String, Map<Severity, Long>> bar : bars) {
            html.raw("<text class=\"axis\" x=\"" + (label - 8) + "\" y=\"" + (y + 14) + "\" text-anchor=\"end\">")
                    .text(Html.shortened(bar.getKey(), 28)).raw("</text>");
            double left = label;
            for (Severity severity : WORST_FIRST) {
                long open = bar.getValue().getOrDefault(severity, 0L);
                if (open == 0) {
                    continue;
                }
                double width = (double) area * open / max;
                html.raw("<rect class=\"sev-" + css(severity) + "\" x=\"" + num(left) + "\" y=\"" + y + "\" width=\""
                        + num(width) + "\" height=\"20\"><title>").text(bar.getKey())
                        .raw(" \u00b7 " + severity + ": ").number(open).raw("</title></rect>");
                left += width;
            }
            html.raw("<text x=\"" + num(left + 6) + "\" y=\"" + (y + 14) + "\">").number(total(bar.getValue()))
                    .raw("</text>\n");
            y += 28;
        }
        html.raw("</svg>\n");
    }

    /** Open findings in each run kept, oldest first: a line over the runs, evenly spaced. */
    static void history(Html html, List<RunPoint> history) throws IOException {
        html.raw("<figcaption>Open findings over the runs kept</figcaption>\n");
        if (history.isEmpty()) {
            html.raw("<p class=\"none\" id=\"chart-history\">No judged runs yet.</p>\n");
            return;
        }
        int left = 60;
        int top = 12;
        int plotWidth = WIDTH - left - 30;
        int plotHeight = 150;
        long max = niceCeiling(history.stream().mapToLong(RunPoint::open).max().orElse(0));
        svgOpen(html, "chart-history", "Open findings over the runs kept, oldest first", top + plotHeight + 40);
        for (long tick : new long[] { 0, max / 2, max }) {
            double y = top + plotHeight - (double) plotHeight * tick / max;
            html.raw("<line class=\"grid\" x1=\"" + left + "\" x2=\"" + (left + plotWidth) + "\" y1=\"" + num(y)
                    + "\" y2=\"" + num(y) + "\"/><text class=\"axis\" x=\"" + (left - 6) + "\" y=\"" + num(y + 4)
                    + "\" text-anchor=\"end\">").number(tick).raw("</text>");
        }
        int n = history.size();
        StringBuilder points = new StringBuilder();
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = n == 1 ? left + plotWidth / 2.0 : left + (double) plotWidth * i / (n - 1);
            ys[i] = top + plotHeight - (double) plotHeight * history.get(i).open() / max;
            points.append(i == 0 ? "" : " ").append(num(xs[i])).append(',').append(num(ys[i]));
        }
        if (n > 1) {
            html.raw("<polyline class=\"line\" fill=\"none\" points=\"" + points + "\"/>\n");
        }
        for (int i = 0; i < n; i++) {
            RunPoint point = history.get(i);
            html.raw("<circle class=\"point\" cx=\"" + num(xs[i]) + "\" cy=\"" + num(ys[i]) + "\" r=\"" + (n > 60 ? 2 : 4)
                    + "\"><title>run ").number(point.runId()).raw(" (").text(day(point)).raw("): ").number(point.open())
                    .raw(" open</title></circle>");
        }
        int baseline = top + plotHeight + 18;
        html.raw("\n<text class=\"axis\" x=\"" + num(xs[0]) + "\" y=\"" + baseline + "\" text-anchor=\""
                + (n == 1 ? "middle" : "start") + "\">").text(day(history.get(0))).raw("</text>");
        if (n > 1) {
            html.raw("<text class=\"axis\" x=\"" + num(xs[n - 1]) + "\" y=\"" + baseline + "\" text-anchor=\"end\">")
                    .text(day(history.get(n - 1))).raw("</text>");
        }
        html.raw("<text class=\"axis\" x=\"" + (left + plotWidth / 2) + "\" y=\"" + (baseline + 18)
                + "\" text-anchor=\"middle\">").number(n).raw(n == 1 ? " run" : " runs").raw("</text>\n</svg>\n");
    }

    /**
     * The smallest of 2, 4, 6, 8 or 10 times a power of ten at or above {@code value}: a round top for the scale
     * whose half is whole too, and a scale still (up to 2) when every run had zero open findings.
     */
    static long niceCeiling(long value) {
        long power = 1;
        while (true) {
            for (long step : new long[] { 2, 4, 6, 8, 10 }) {
                if (step * power >= value) {
                    return step * power;
                }
            }
            power *= 10;
        }
    }

    private static void svgOpen(Html html, String id, String title, int height) throws IOException {
        html.raw("<svg class=\"chart\" id=\"" + id + "\" role=\"img\" aria-label=\"" + title + "\" viewBox=\"0 0 "
                + WIDTH + " " + height + "\" width=\"" + WIDTH + "\" height=\"" + height
                + "\"><title>" + title + "</title>\n");
    }

    private static long total(Map<Severity, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String day(RunPoint point) {
        return point.startedAt() == null ? "?" : DAY.format(point.startedAt());
    }

    private static String css(Severity severity) {
        return severity.name().toLowerCase(Locale.ROOT);
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
