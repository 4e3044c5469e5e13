package dev.dspm.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.dspm.scanner.Console;
import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.Snapshot;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.RecordedRequest;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * Whole runs against a simulator that lies about its listing (issue 26, items 8, 9 and 11): pages longer than asked,
 * a listing that never ends, answers too large to hold, shares with an unknown field nested far deeper than parsers
 * allow by default. Each ends as a person can act on: one line and exit 1, or a completed run that records the type
 * incomplete, never an OutOfMemoryError nor a database grown without bound.
 */
class LyingListingTests {

    static final String FILE = ScanJobConfigurationTests.FILE;
    static final String SESSION = ScanJobConfigurationTests.SESSION;
    static final String TWO_TYPES = "--dspm.scan.asset-types=FILE_SHARE,SESSION_SHARE";

    @TempDir
    Path dir;

    ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(
            TenantSpec.of(11L, Map.of(FILE, 2000, SESSION, 120))));

    @AfterEach
    void stop() {
        simulator.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void anEndlessListingIsPagedNoFurtherThanMaxSharesPerTypeAndTheTypeIsRecordedIncomplete(String kind) throws Exception {
        String db = TestDatabases.of(kind, dir);
        Path reports = dir.resolve("reports");
        simulator.lies().endlessListing(1_000_000_000_000L);

        Console.Captured run = Console.capture(() -> JobRun.against(simulator, db, TWO_TYPES, "--dspm.scan.page-size=100",
                "--dspm.scan.max-shares-per-type=2550", "--dspm.report.dir=" + reports));

        assertThat(run.exit()).as(run.all()).isZero();
        long runId = Snapshot.latestRun(db);
        // nothing beyond the bound is stored, for either type, and the pages stop there: no re-read either
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM share_snapshot WHERE run_id = ?", runId)).isEqualTo(2 * 2550);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_partition WHERE run_id = ? AND NOT complete "
                + "AND stored = 2550 AND pass = 1 AND cut_short LIKE '%dspm.scan.max-shares-per-type%'", runId)).isEqualTo(2);
        List<RecordedRequest> pages = simulator.requests().stream().filter(r -> "100".equals(r.query().get("limit"))).toList();
        assertThat(pages).as("26 pages per type, and at most the three fetched ahead").hasSizeBetween(2 * 26, 2 * 26 + 6)
                .allSatisfy(page -> assertThat(Integer.parseInt(page.query().get("offset"))).isLessThan(2550));
        JsonNode report = JsonMapper.builder().build().readTree(reports.resolve(runId + "/report.json").toFile());
        assertThat(report.at("/run/status").asString()).isEqualTo("INCOMPLETE");
        report.at("/run/types").forEach(type -> assertThat(type.get("complete").asBoolean()).as(type.toString()).isFalse());
        assertThat(run.out()).containsPattern("FILE_SHARE +2,550 .* NO")
                .contains("FILE_SHARE: stopped at 2,550 shares (dspm.scan.max-shares-per-type)");
    }

    @Test
    void aPageLongerThanItsLimitFailsTheRunWithOneLineAndIsNotAskedForAgain() throws Exception {
        String db = TestDatabases.h2(dir);
        // the lie starts once the scan has begun, so that a page of the scan (not the key check) meets it
        CompletableFuture<Void> lie = CompletableFuture.runAsync(() -> {
            while (simulator.requests().stream().noneMatch(r -> "100".equals(r.query().get("limit")))) {
                Thread.onSpinWait();
            }
            simulator.lies().pagesOf(150);
        });

        Console.Captured run = Console.capture(() -> JobRun.against(simulator, db, "--dspm.scan.asset-types=FILE_SHARE",
                "--dspm.scan.page-size=100"));
        lie.join();

        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        String[] lines = run.err().strip().split("\n");
        assertThat(lines[lines.length - 1]).containsPattern("team.asset.list FILE_SHARE offset=\\d+ failed: .*150 entries, "
                + "more than the 100 asked");
        assertThat(run.all()).doesNotContain("OutOfMemoryError");
        long asked = simulator.requests().stream().filter(r -> "100".equals(r.query().get("limit")))
                .map(r -> r.query().get("offset")).distinct().count();
        assertThat(simulator.requests().stream().filter(r -> "100".equals(r.query().get("limit"))).count())
                .as("no page asked for twice").isEqualTo(asked);
    }

    @Test
    void anAnswerOverMaxBodySizeFailsTheRunWithOneLineNamingTheSetting() throws Exception {
        String db = TestDatabases.h2(dir);

        Console.Captured run = Console.capture(() -> JobRun.against(simulator, db, "--dspm.scan.asset-types=FILE_SHARE",
                "--dspm.scan.page-size=1000", "--dspm.api.max-body-size=64KB"));

        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        String[] lines = run.err().strip().split("\n");
        assertThat(lines[lines.length - 1]).contains("team.asset.list FILE_SHARE offset=0 failed")
                .contains("larger than dspm.api.max-body-size (65536 bytes)");
        assertThat(simulator.requests().stream().filter(r -> "1000".equals(r.query().get("limit"))).count())
                .as("refused, not asked again").isEqualTo(1);
    }

    @Test
    void sharesWithAnUnknownFieldNestedAHundredThousandDeepAreStoredEveryOne() throws Exception {
        String db = TestDatabases.h2(dir);
        simulator.lies().unknownFieldDepth(100_000);

        Console.Captured run = Console.capture(() -> JobRun.against(simulator, db, "--dspm.scan.asset-types=SESSION_SHARE",
                "--dspm.scan.page-size=20"));

        assertThat(run.exit()).as(run.all()).isZero();
        long runId = Snapshot.latestRun(db);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM share_snapshot WHERE run_id = ? AND LENGTH(raw_json) > 200000",
                runId)).isEqualTo(120);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_partition WHERE run_id = ? AND complete", runId)).isEqualTo(1);
    }
}
