package dev.dspm.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import dev.dspm.scanner.Console;
import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.Snapshot;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.simulator.ListedShare;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * report.json and report.csv of real runs against the simulator: every finding, with the fields the tenant's
 * shares have; summary counts that add up; and what changed between nights as the simulator's shares change.
 */
class RunReportTests {

    static final String FILE = "ASSET_TYPE_FILE_SHARE";
    static final String[] TYPES = { FILE, "ASSET_TYPE_SESSION_SHARE", "ASSET_TYPE_SESSION_COLLABORATION",
            "ASSET_TYPE_WEBSITE_PUBLISH", "ASSET_TYPE_PROJECT_SHARE" };

    @TempDir
    Path dir;

    ManusSimulator simulator;
    Path reports;

    @BeforeEach
    void startSimulator() {
        simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(29L, 1_500)));
        reports = dir.resolve("reports");
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void jsonHoldsEveryFindingWithItsSharesFieldsAndCountsThatAddUp(String kind) throws Exception {
        String db = TestDatabases.of(kind, dir);
        Console.Captured night = Console.capture(() -> run(db));
        assertThat(night.exit()).isZero();
        long runId = Snapshot.latestRun(db);
        JsonNode report = ReportFiles.json(reports.resolve(runId + "/report.json"));
        assertTopOwners(report, night.out());

        assertThat(report.get("schema_version").asInt()).isEqualTo(JsonReport.SCHEMA_VERSION);
        Map<String, JsonNode> findings = ReportFiles.findings(report);
        assertThat(findings.keySet()).as("one entry per finding row, none twice").hasSize(report.get("findings").size())
                .isEqualTo(findingKeys(db, runId));
        Map<String, ListedShare> shares = listedShares();
        Map<String, String> titles = titles(db, runId);
        Map<String, JsonNode> policies = new HashMap<>();
        report.get("policies").forEach(p -> policies.put(p.get("policy_id").asString(), p));
        assertThat(policies.keySet()).as("each policy of the run once").isEqualTo(titles.keySet());
        for (JsonNode finding : findings.values()) {
            ListedShare share = shares.get(finding.get("share_uid").asString());
            assertThat(finding.get("asset_name").asString()).isEqualTo(share.assetName());
            assertThat(finding.get("owner_id").asString()).isEqualTo(share.ownerId());
            assertScope(finding, "permission", share.permission());
            assertScope(finding, "max_permission", share.maxPermission());
            assertThat(finding.get("asset_exists").asBoolean()).isEqualTo(share.assetExists());
            assertThat("ASSET_TYPE_" + finding.get("asset_type").asString()).isEqualTo(share.assetType());
            assertThat(policies.get(finding.get("policy_id").asString()).get("title").asString())
                    .isEqualTo(titles.get(finding.get("policy_id").asString()));
            assertThat(finding.get("status").asString()).isEqualTo("NEW");
            assertThat(Instant.parse(finding.get("first_seen").asString())).isEqualTo(Instant.parse(report.get("run").get("started_at").asString()));
        }
        assertThat(findings.values().stream().filter(f -> f.get("policy_id").asString().equals("public-file-share")))
                .as("a finding for every public file share").hasSize((int) shares.values().stream()
                        .filter(s -> s.assetType().equals(FILE) && s.permission().equals("SHARE_SCOPE_PUBLIC") && s.assetExists())
                        .count())
                .isNotEmpty();
        assertThat(policies.get("public-file-share").get("recommended_scope").asString()).isEqualTo("TEAM_ONLY");

        JsonNode summary = report.get("summary");
        assertThat(summary.get("findings").asLong()).isEqualTo(findings.size());
        assertThat(summary.get("new").asLong()).isEqualTo(findings.size());
        for (String severity : List.of("CRITICAL", "HIGH", "MEDIUM", "LOW")) {
            assertThat(summary.get("by_severity").get(severity).get("new").asLong()).as(severity)
                    .isEqualTo(findings.values().stream().filter(f -> f.get("severity").asString().equals(severity)).count());
        }
        Map<String, Long> byPolicy = findings.values().stream()
                .collect(Collectors.groupingBy(f -> f.get("policy_id").asString(), Collectors.counting()));
        Map<String, Long> summarised = new HashMap<>();
        summary.get("by_policy").forEach(p -> summarised.put(p.get("policy_id").asString(), p.get("counts").get("new").asLong()));
        assertThat(summarised).isEqualTo(byPolicy);

        JsonNode run = report.get("run");
        assertThat(run.get("id").asLong()).isEqualTo(runId);
        assertThat(run.get("status").asString()).isEqualTo("COMPLETE");
        assertThat(run.get("read_key_type").asString()).isEqualTo("AUDIT");
        assertThat(run.get("previous_run_id").isNull()).isTrue();
        Map<String, Long> stored = new HashMap<>();
        run.get("types").forEach(t -> {
            stored.put("ASSET_TYPE_" + t.get("asset_type").asString(), t.get("stored").asLong());
            assertThat(t.get("complete").asBoolean()).isTrue();
            assertThat(t.get("api_total").asLong()).isEqualTo(t.get("stored").asLong());
        });
        assertThat(stored).isEqualTo(Stream.of(TYPES).collect(Collectors.toMap(Function.identity(),
                type -> (long) simulator.tenant().size(type))));
        List<List<String>> csv = ReportFiles.csv(reports.resolve(runId + "/report.csv"));
        List<String> header = csv.get(0);
        assertThat(csv).as("a header and a row per finding").hasSize(findings.size() + 1);
        for (List<String> row : csv.subList(1, csv.size())) {
            JsonNode finding = findings.get(ReportFiles.key(row.get(header.indexOf("share_uid")), row.get(header.indexOf("policy_id"))));
            String name = finding.get("asset_name").asString();
            String shown = name.replaceAll("[\\p{Cc}&&[^\\t\\r\\n]]", "\uFFFD"); // what cat would hand the terminal
            assertThat(row.get(header.indexOf("asset_name"))).isEqualTo("=+-@\t\r".indexOf(name.charAt(0)) >= 0 ? "'" + shown : shown);
            for (String column : List.of("asset_type", "owner_id", "permission", "severity", "status", "first_seen")) {
                assertThat(row.get(header.indexOf(column))).as(column).isEqualTo(finding.get(column).asString());
            }
            assertThat(row.get(header.indexOf("title"))).isEqualTo(titles.get(finding.get("policy_id").asString()));
        }
        assertThat(Files.readAllBytes(reports.resolve("latest/report.json")))
                .isEqualTo(Files.readAllBytes(reports.resolve(runId + "/report.json")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void theNextNightsReportsSayWhatWasResolvedAndWhatWidened(String kind) throws Exception {
        String db = TestDatabases.of(kind, dir);
        Set<String> publicFiles = listedShares().values().stream()
                .filter(s -> s.assetType().equals(FILE) && s.permission().equals("SHARE_SCOPE_PUBLIC"))
                .map(ListedShare::uid).collect(Collectors.toSet());
        List<String> flagged = listedShares().values().stream().filter(s -> publicFiles.contains(s.uid()) && s.assetExists())
                .map(s -> ReportFiles.key(s.uid(), "public-file-share")).toList();
        assertThat(run(db)).isZero();
        Map<String, JsonNode> first = ReportFiles.findings(ReportFiles.json(reports.resolve("latest/report.json")));

        simulator.tenant().setGlobalControl(FILE, "SHARE_SCOPE_TEAM_ONLY");
        assertThat(run(db)).isZero();
        long second = Snapshot.latestRun(db);
        JsonNode tightened = ReportFiles.json(reports.resolve(second + "/report.json"));
        Map<String, JsonNode> secondFindings = ReportFiles.findings(tightened);
        Set<String> resolved = keys(secondFindings, "RESOLVED");
        Set<String> stillThere = new HashSet<>(secondFindings.keySet());
        stillThere.removeAll(resolved);
        Set<String> gone = new HashSet<>(first.keySet());
        gone.removeAll(stillThere);
        assertThat(resolved).as("exactly the first night's findings the second night no longer has").isEqualTo(gone)
                .containsAll(flagged);
        assertThat(resolved).allSatisfy(key -> assertThat(first.get(key).get("asset_type").asString()).isEqualTo("FILE_SHARE"));
        assertThat(keys(secondFindings, "NEW")).as("nothing new was shared").isEmpty();
        assertThat(tightened.get("summary").get("resolved").asLong()).isEqualTo(resolved.size());
        assertThat(tightened.get("changes").get("resolved").asLong()).isEqualTo(resolved.size());
        assertThat(tightened.get("changes").get("widened").asLong()).isZero();
        assertThat(tightened.get("run").get("previous_run_id").asLong()).isEqualTo(second - 1);

        simulator.tenant().setGlobalControl(FILE, "SHARE_SCOPE_PUBLIC");
        Console.Captured third = Console.capture(() -> run(db));
        assertThat(third.exit()).isZero();
        assertTopOwners(ReportFiles.json(reports.resolve("latest/report.json")), third.out());
        assertThat(third.out()).as("what the night before resolved is back").contains(String.format(
                "since run %d: %,d new, 0 resolved, %,d shares widened", second, resolved.size(), publicFiles.size()));
        JsonNode widened = ReportFiles.json(reports.resolve("latest/report.json"));
        Set<String> widenedUids = new HashSet<>();
        widened.get("changes").get("widened_shares").forEach(share -> {
            widenedUids.add(share.get("share_uid").asString());
            assertThat(share.get("from_permission").asString()).isEqualTo("TEAM_ONLY");
            assertThat(share.get("to_permission").asString()).isEqualTo("PUBLIC");
        });
        assertThat(widenedUids).as("the public file shares (of deleted files too), capped the night before").isEqualTo(publicFiles);
        assertThat(widened.get("changes").get("widened").asLong()).isEqualTo(publicFiles.size());
        assertThat(keys(ReportFiles.findings(widened), "NEW")).containsAll(flagged);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void theHistoryTakesEarlierRunsOpenFindingsAsTheirReportsRecordedThem(String kind) throws Exception {
        String db = TestDatabases.of(kind, dir);
        assertThat(run(db)).isZero();
        long first = Snapshot.latestRun(db);
        long open = 0;
        for (JsonNode severity : ReportFiles.json(reports.resolve("latest/report.json")).get("summary").get("by_severity")) {
            open += severity.get("new").asLong() + severity.get("open").asLong();
        }
        assertThat(Snapshot.single(db, "SELECT open_findings FROM run_open_findings WHERE run_id = ?", first))
                .as("recorded with its report").isEqualTo(open).isPositive();

        update(db, "UPDATE run_open_findings SET open_findings = 12345 WHERE run_id = " + first);
        assertThat(run(db)).isZero();
        assertThat(Files.readString(reports.resolve("latest/report.html"))).as("read, not counted again")
                .containsPattern("<title>run " + first + " \\([^)]*\\): 12,345 open</title>");

        update(db, "DELETE FROM run_open_findings WHERE run_id = " + first);
        assertThat(run(db)).isZero();
        assertThat(Files.readString(reports.resolve("latest/report.html"))).as("a run its report never recorded is counted")
                .containsPattern("<title>run " + first + " \\([^)]*\\): " + String.format(Locale.ROOT, "%,d", open)
                        + " open</title>");
    }

    private static void update(String db, String sql) throws SQLException {
        try (Connection connection = TestDatabases.connect(db); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    @Test
    void aRealRunExitsThreeOnItsFindingsAndZeroOnceTheyAreResolved() throws Exception {
        String db = TestDatabases.h2(dir);
        Console.Captured failing = Console.capture(() -> run(db, "--dspm.fail-on=HIGH"));
        assertThat(failing.exit()).isEqualTo(3);
        JsonNode report = ReportFiles.json(reports.resolve("latest/report.json"));
        long atOrAboveHigh = StreamSupport.stream(report.get("findings").spliterator(), false)
                .filter(f -> f.get("severity").asString().matches("HIGH|CRITICAL")).count();
        assertThat(atOrAboveHigh).isPositive();
        assertThat(failing.err()).as("the report is written first, then the gate says why")
                .contains(String.format("dspm-scanner: run %d has %,d new or open findings at or above HIGH (dspm.fail-on=HIGH)",
                        Snapshot.latestRun(db), atOrAboveHigh));

        for (String type : TYPES) {
            simulator.tenant().setGlobalControl(type, "SHARE_SCOPE_OWNER");
        }
        assertThat(run(db, "--dspm.fail-on=HIGH"))
                .as("every HIGH and CRITICAL finding resolved: they no longer count").isZero();
        long resolved = StreamSupport.stream(ReportFiles.json(reports.resolve("latest/report.json")).get("findings")
                .spliterator(), false).filter(f -> f.get("severity").asString().matches("HIGH|CRITICAL")
                        && f.get("status").asString().equals("RESOLVED")).count();
        assertThat(resolved).isEqualTo(atOrAboveHigh);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void aFailedRunLeavesLatestAsItWasAndWritesNoReportOfItsOwn(String kind) throws Exception {
        String db = TestDatabases.of(kind, dir);
        assertThat(run(db)).isZero();
        long first = Snapshot.latestRun(db);
        Map<String, String> before = latest();

        simulator.tenant().setGlobalControl(FILE, "SHARE_SCOPE_TEAM_ONLY");
        simulator.faults().failAfter(2, 500, 1_000);
        assertThat(run(db)).as("the API fails mid-scan").isEqualTo(1);
        long failed = Snapshot.latestRun(db);
        assertThat(failed).isGreaterThan(first);
        assertThat(latest()).as("byte for byte").isEqualTo(before);
        try (Stream<Path> files = Files.list(reports.resolve(Long.toString(failed)))) {
            assertThat(files.map(f -> f.getFileName().toString())).as("the failed run's metrics, and no report")
                    .containsExactly("metrics.prom");
        }
        try (Stream<Path> files = Files.walk(reports)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp"))).as("no temporary file left").isEmpty();
        }

        simulator.faults().clear();
        assertThat(run(db)).as("the next start resumes the run and writes its report").isZero();
        assertThat(Snapshot.latestRun(db)).isEqualTo(failed);
        assertThat(reports.resolve(failed + "/report.html")).exists();
        assertThat(reports.resolve("latest/report.json")).hasSameBinaryContentAs(reports.resolve(failed + "/report.json"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void aRunJudgedAgainRewritesItsOwnReportAndLeavesANewerRunsLatest(String kind) throws Exception {
        String db = TestDatabases.of(kind, dir);
        assertThat(run(db)).isZero();
        long first = Snapshot.latestRun(db);
        simulator.tenant().setGlobalControl(FILE, "SHARE_SCOPE_TEAM_ONLY");
        assertThat(run(db)).isZero();
        Map<String, String> latest = latest();
        String firstReport = ReportFiles.json(reports.resolve(first + "/report.json")).get("generated_at").asString();
        int requests = simulator.requestCount();

        Console.Captured rejudged = Console.capture(() -> run(db, "--rejudge=" + first));
        assertThat(rejudged.exit()).isZero();
        assertThat(rejudged.out()).contains("report: " + reports.resolve(first + "/report.html").toAbsolutePath());
        assertThat(ReportFiles.json(reports.resolve(first + "/report.json")).get("generated_at").asString())
                .isNotEqualTo(firstReport);
        assertThat(latest()).as("latest/ stays the newer run's").isEqualTo(latest);
        assertThat(simulator.requestCount()).isEqualTo(requests);
    }

    /** The files of latest/ by name; a digest each, so that a failure message stays readable. */
    Map<String, String> latest() throws java.io.IOException, java.security.NoSuchAlgorithmException {
        Map<String, String> files = new HashMap<>();
        for (String name : List.of("report.json", "report.csv", "report.html")) {
            files.put(name, java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(reports.resolve("latest").resolve(name)))));
        }
        return files;
    }

    /**
     * The report's top owners are those with the most open (NEW or OPEN) findings among its own findings, then the most
     * critical and high ones, equal ones by id; and the summary printed after the run names its first three.
     */
    private static void assertTopOwners(JsonNode report, String printed) {
        Map<String, long[]> open = new HashMap<>();
        ReportFiles.findings(report).values().stream()
                .filter(f -> f.hasNonNull("owner_id") && List.of("NEW", "OPEN").contains(f.get("status").asString()))
                .forEach(f -> {
                    long[] counts = open.computeIfAbsent(f.get("owner_id").asString(), id -> new long[3]);
                    counts[0]++;
                    counts[1] += f.get("severity").asString().equals("CRITICAL") ? 1 : 0;
                    counts[2] += f.get("severity").asString().equals("HIGH") ? 1 : 0;
                });
        List<String> ranked = open.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
                        .thenComparingLong(e -> -e.getValue()[1]).thenComparingLong(e -> -e.getValue()[2])
                        .thenComparing(Map.Entry::getKey))
                .limit(OwnerQuery.TOP)
                .map(e -> e.getKey() + " " + e.getValue()[0] + "/" + e.getValue()[1] + "/" + e.getValue()[2]).toList();
        List<JsonNode> top = StreamSupport.stream(report.get("summary").get("top_owners").spliterator(), false).toList();
        assertThat(top.stream().map(o -> o.get("owner_id").asString() + " " + o.get("open").asLong() + "/"
                + o.get("critical").asLong() + "/" + o.get("high").asLong())).as("top owners").isNotEmpty()
                .containsExactlyElementsOf(ranked);
        assertThat(printed).contains("most open findings: " + top.stream().limit(3)
                .map(o -> (o.get("email").isNull() ? o.get("owner_id") : o.get("email")).asString()
                        + (o.get("status").isNull() || o.get("status").asString().equals("ACTIVE") ? ""
                                : " (" + o.get("status").asString() + ")") + " " + o.get("open").asLong())
                .collect(Collectors.joining(", ")) + System.lineSeparator());
    }

    int run(String db, String... args) {
        String[] all = Stream.concat(Stream.of("--dspm.report.dir=" + reports), Stream.of(args)).toArray(String[]::new);
        return JobRun.against(simulator, db, all);
    }

    Map<String, ListedShare> listedShares() {
        return Stream.of(TYPES).flatMap(type -> simulator.tenant().listed(type).stream())
                .collect(Collectors.toMap(ListedShare::uid, Function.identity()));
    }

    /** A known scope is its name, whose raw spelling is left out; an unknown one is UNKNOWN with the API's spelling. */
    private static void assertScope(JsonNode finding, String field, String listed) {
        String scope = finding.get(field).asString();
        if (scope.equals("UNKNOWN")) {
            assertThat(finding.get(field + "_raw").asString()).as(field).isEqualTo(listed);
        } else {
            assertThat("SHARE_SCOPE_" + scope).as(field).isEqualTo(listed);
            assertThat(finding.has(field + "_raw")).as("a known scope's raw spelling merely spells it").isFalse();
        }
    }

    static Set<String> keys(Map<String, JsonNode> findings, String status) {
        return findings.entrySet().stream().filter(e -> e.getValue().get("status").asString().equals(status))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    static Set<String> findingKeys(String db, long runId) throws SQLException {
        Set<String> keys = new HashSet<>();
        try (Connection connection = TestDatabases.connect(db); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT share_uid, policy_id FROM finding WHERE run_id = " + runId)) {
            while (rows.next()) {
                keys.add(ReportFiles.key(rows.getString(1), rows.getString(2)));
            }
        }
        return keys;
    }

    static Map<String, String> titles(String db, long runId) throws SQLException {
        Map<String, String> titles = new HashMap<>();
        try (Connection connection = TestDatabases.connect(db); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT policy_id, title FROM run_policy WHERE run_id = " + runId)) {
            while (rows.next()) {
                titles.put(rows.getString(1), rows.getString(2));
            }
        }
        return titles;
    }
}
