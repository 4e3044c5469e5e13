package dev.dspm.scanner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.dspm.scanner.bench.ReportTable.Row;
import dev.dspm.scanner.bench.ReportTable.Timed;

/** The figures of the report benchmark's table: medians, ratios to the plain-CSV floor of the same column, the verdict. */
class ReportTableTests {

    @Test
    void theMedianIsTheMiddleValueOrTheMeanOfTheTwoMiddleOnes() {
        assertThat(ReportTable.median(List.of(9.0, 1.0, 4.0))).isEqualTo(4.0);
        assertThat(ReportTable.median(List.of(3.0, 1.0, 10.0, 5.0))).isEqualTo(4.0);
        assertThat(ReportTable.median(List.of(2.5))).isEqualTo(2.5);
    }

    @Test
    void timesAreRatiosToThePlainCsvFloorsMedianAndTheTargetIsOneAndAHalfTimesIt() {
        ReportTable table = new ReportTable("report");
        Map<Row, String> met = table.column("H2");
        ReportTable.fill(met, new Timed(List.of(2.0, 1.0, 1.5), 0, 0), new Timed(List.of(5.0, 4.0, 40.0), 10 << 20, 300 << 20),
                new Timed(List.of(8.0, 9.0, 7.0), 60 << 20, 400 << 20), 6.0);
        Map<Row, String> under = table.column("PostgreSQL server");
        ReportTable.fill(under, new Timed(List.of(1.0), 0, 0), new Timed(List.of(4.0), 0, 0), new Timed(List.of(6.0), 0, 0), 5.0);
        assertThat(under.get(Row.TARGET)).isEqualTo("1.50× ≤ 1.5×: met");
        Map<Row, String> missed = table.column("PostgreSQL");
        ReportTable.fill(missed, new Timed(List.of(1.0), 0, 0), new Timed(List.of(2.0), 0, 0), new Timed(List.of(4.5), 0, 0),
                Double.NaN);

        assertThat(met.get(Row.CSV)).isEqualTo("5.00 s (1.00×) [4.00–40.00]");
        assertThat(met.get(Row.READ)).isEqualTo("1.50 s (0.30×) [1.00–2.00]");
        assertThat(met.get(Row.REPORT)).isEqualTo("8.00 s (1.60×) [7.00–9.00]");
        assertThat(met.get(Row.TARGET)).isEqualTo("1.60× ≤ 1.5×: missed");
        assertThat(met.get(Row.REPORT_MEMORY)).isEqualTo("60 MiB; 400 MiB; yes");
        assertThat(met.get(Row.FLOOR_MEMORY)).isEqualTo("10 MiB; 300 MiB");
        assertThat(met.get(Row.STEP)).isEqualTo("6.00 s (1.20×)");
        assertThat(missed.get(Row.TARGET)).isEqualTo("2.25× ≤ 1.5×: missed");
        assertThat(missed.get(Row.STEP)).isEqualTo("no report step");

        ReportTable.standard(met, new Timed(List.of(6.0, 5.0, 5.5), 0, 0), new Timed(List.of(8.0, 9.0, 7.0), 0, 0), 5.0,
                1_000_000, 400_000_000L, 1_500_000_000L, 900_000_000L);
        assertThat(met.get(Row.REPORT_FIRST)).isEqualTo("5.50 s (1.10×) [5.00–6.00]");
        assertThat(met.get(Row.STANDARD)).isEqualTo("2.50 s (0.50× floor); 2.5 µs a finding");
        assertThat(met.get(Row.STANDARD_FILES)).isEqualTo("1500.0 MB / 900.0 MB; 1,500 / 900 bytes");
        assertThat(met.get(Row.JSON_SIZE)).isEqualTo("400 ≤ 400: met");
        ReportTable.standard(missed, new Timed(List.of(3.0), 0, 0), new Timed(List.of(4.5), 0, 0), 2.0, 1_000, 401_000L, 1L, 1L);
        assertThat(missed.get(Row.JSON_SIZE)).isEqualTo("401 ≤ 400: missed");

        String rendered = table.render();
        assertThat(rendered.lines()).hasSize(2 + Row.values().length);
        assertThat(rendered.lines().filter(line -> line.startsWith("| " + Row.TARGET.label)).findFirst().orElseThrow())
                .contains("1.60× ≤ 1.5×: missed").contains("2.25× ≤ 1.5×: missed").contains("1.50× ≤ 1.5×: met");
    }
}
