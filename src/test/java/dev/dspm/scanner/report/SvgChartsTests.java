package dev.dspm.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.dspm.scanner.policy.Severity;
import dev.dspm.scanner.report.ReportOverview.Exposure;
import dev.dspm.scanner.report.ReportOverview.RunPoint;

/** The charts draw what the overview counts, say so to a screen reader, and stay sensible when there is little. */
class SvgChartsTests {

    private static final Instant DAY = Instant.parse("2026-05-04T06:00:00Z");

    @Test
    void exposureStacksEachTypesSeveritiesWorstFirstScaledToTheLargestType() throws IOException {
        String svg = exposure(List.of(new Exposure("FILE_SHARE", Severity.LOW, 10), new Exposure("FILE_SHARE", Severity.CRITICAL, 30),
                new Exposure("WEBSITE_PUBLISH", Severity.HIGH, 20), new Exposure("SESSION_SHARE", Severity.MEDIUM, 0)));

        assertThat(svg).contains("<svg class=\"chart\" id=\"chart-exposure\" role=\"img\" aria-label=\"Open findings by asset type and severity\"",
                "<title>Open findings by asset type and severity</title>");
        List<String> bars = matches(svg, "<rect class=\"(sev-[a-z]+)\" x=\"[0-9.]+\" y=\"[0-9]+\" width=\"([0-9.]+)\" height=\"20\"><title>([^<]+)</title>");
        assertThat(bars).containsExactly("sev-critical 300.0 FILE_SHARE \u00b7 CRITICAL: 30", "sev-low 100.0 FILE_SHARE \u00b7 LOW: 10",
                "sev-high 200.0 WEBSITE_PUBLISH \u00b7 HIGH: 20");
        assertThat(svg).doesNotContain("SESSION_SHARE");
    }

    @Test
    void exposureEscapesItsLabelsAndSaysWhenNothingIsOpen() throws IOException {
        assertThat(exposure(List.of(new Exposure("<script>x</script>", Severity.HIGH, 1))))
                .contains(">&lt;script&gt;x&lt;/script&gt;</text>").doesNotContain("<script>");
        assertThat(exposure(List.of())).isEqualTo("<figcaption>Open findings (NEW + OPEN) by asset type and severity</figcaption>\n"
                + "<p class=\"none\" id=\"chart-exposure\">No open findings.</p>\n");
    }

    @Test
    void historyDrawsOnePointPerRunOldestFirstJoinedByALine() throws IOException {
        String svg = history(List.of(new RunPoint(3, DAY.minusSeconds(172_800), 40), new RunPoint(4, DAY.minusSeconds(86_400), 10),
                new RunPoint(5, DAY, 0)));

        assertThat(matches(svg, "<circle class=\"point\" cx=\"([0-9.]+)\" cy=\"([0-9.]+)\" r=\"4\"><title>([^<]+)</title>"))
                .containsExactly("60.0 12.0 run 3 (2026-05-02): 40 open", "375.0 124.5 run 4 (2026-05-03): 10 open",
                        "690.0 162.0 run 5 (2026-05-04): 0 open");
        assertThat(svg).contains("<polyline class=\"line\" fill=\"none\" points=\"60.0,12.0 375.0,124.5 690.0,162.0\"/>",
                ">2026-05-02</text>", ">2026-05-04</text>", ">3 runs</text>", ">40</text>", ">20</text>");
    }

    @Test
    void aSingleRunIsAPointAndNoRunIsASentence() throws IOException {
        String one = history(List.of(new RunPoint(1, DAY, 0)));
        assertThat(one).contains("<circle", ">1 run</text>", ">2</text>").doesNotContain("<polyline");
        assertThat(history(List.of())).contains("<p class=\"none\" id=\"chart-history\">No judged runs yet.</p>")
                .doesNotContain("<svg");
    }

    @Test
    void theScaleTopsAtARoundNumberWithAWholeHalf() {
        assertThat(List.of(0L, 1L, 2L, 3L, 5L, 7L, 9L, 10L, 11L, 45L, 999L, 1_000_001L).stream().map(SvgCharts::niceCeiling))
                .containsExactly(2L, 2L, 2L, 4L, 6L, 8L, 10L, 10L, 20L, 60L, 1_000L, 2_000_000L);
    }

    private static String exposure(List<Exposure> exposure) throws IOException {
        StringWriter out = new StringWriter();
        SvgCharts.exposure(new Html(out), exposure);
        return out.toString();
    }

    private static String history(List<RunPoint> history) throws IOException {
        StringWriter out = new StringWriter();
        SvgCharts.history(new Html(out), history);
        return out.toString();
    }

    private static List<String> matches(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            List<String> groups = new ArrayList<>();
            for (int g = 1; g <= m.groupCount(); g++) {
                groups.add(m.group(g));
            }
            found.add(String.join(" ", groups));
        }
        return found;
    }
}
