package dev.dspm.scanner.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.dspm.scanner.export.ExportCounts.ExportStatus;

/** The summary's line of a run's push, for each way it ended. */
class ExportSummaryTests {

    @Test
    void eachEndingSaysWhatWasSentWhereAndWhy() {
        assertThat(ExportSummary.line(new ExportCounts("https://s.example/in", ExportStatus.SENT, 1_234L, 1_234, 7, 0, null)))
                .isEqualTo("export: 1,234 events in 7 batches sent to https://s.example/in");
        assertThat(ExportSummary.line(new ExportCounts("https://s.example/in", ExportStatus.SENT, 1_234L, 1_234, 7, 2, null)))
                .isEqualTo("export: 1,234 events in 7 batches sent to https://s.example/in (2 of them sent more than once)");
        assertThat(ExportSummary.line(new ExportCounts("https://s.example/in", ExportStatus.FAILED, 1_234L, 400, 2, 0,
                "batch 2 (200 events): HTTP 403"))).isEqualTo("export: FAILED after 400 events in 2 batches sent to "
                        + "https://s.example/in: batch 2 (200 events): HTTP 403; the rest were not sent, and the run's exit "
                        + "code is unchanged");
        assertThat(ExportSummary.line(new ExportCounts("https://s.example/in", ExportStatus.SENDING, null, 200, 1, 0, null)))
                .isEqualTo("export: 200 events in 1 batches sent to https://s.example/in so far; the next start sends the rest");
    }
}
