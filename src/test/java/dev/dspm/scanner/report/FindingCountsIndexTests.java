package dev.dspm.scanner.report;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.MigratedDatabase;

/**
 * On H2, the report's overview counts a run's findings from the index of the columns it groups by (V18), not by
 * reading each finding's row through the primary key: at a million shares that was 6-7 s a count, against 0.9 s
 * (BENCHMARKS.md). The plan is what a slow night would show; the counts are RunReportTests'.
 */
class FindingCountsIndexTests {

    @TempDir
    Path dir;

    @Test
    void theOverviewCountsFromTheIndexAlone() throws Exception {
        MigratedDatabase.assertCountedFromTheIndex(dir, OverviewQuery.GROUPS);
    }
}
