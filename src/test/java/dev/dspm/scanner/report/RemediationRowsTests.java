package dev.dspm.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

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
import dev.dspm.scanner.remediation.SkipReason;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.RecordedRequest;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * A run's remediation as its reports show it, against the simulator: report.json's remediation and remediations[],
 * remediation.csv, the page's section and the terminal's line say what the remediation tables hold, for a plan, an
 * apply, a plan held back, an apply refused, and remediation off.
 */
class RemediationRowsTests {

    static final List<String> ACTION_FIELDS = List.of("share_uid", "asset_type", "asset_name", "owner_id", "policy_id",
            "from_scope", "to_scope", "status", "reason", "request_id", "updated_at", "note", "error");
    static final String NOTE_PREFIX = "<img src=x onerror=window.__pwned=1> CHG-1, \"ops\" & co";
    static final String UPDATE_SCOPE = "/v2/team.asset.update_scope";

    /** An update_scope of a share, not apply mode's key check before the scan. */
    static boolean updatesAShare(RecordedRequest request) {
        return request.path().equals(UPDATE_SCOPE) && !request.body().contains("dspm-scanner-key-check");
    }

    @TempDir
    Path dir;

    ManusSimulator simulator;
    Path reports;

    @BeforeEach
    void startSimulator() {
        simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(31L, 300)));
        reports = dir.resolve("reports");
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void aPlanIsInTheJsonTheCsvThePageAndTheSummaryActionForAction(String kind) throws Exception {
        String db = TestDatabases.of(kind, dir);
        Console.Captured plan = Console.capture(() -> run(db, "--dspm.remediation.mode=plan",
                "--dspm.remediation.grace-period=PT0S", "--dspm.remediation.max-actions=10000",
                "--dspm.remediation.note-prefix=" + NOTE_PREFIX));
        assertThat(plan.exit()).as(plan.err()).isZero();
        long runId = Snapshot.latestRun(db);
        Map<String, Map<String, String>> stored = actions(db, runId);
        Map<String, Long> byStatus = countBy(stored, "status");
        assertThat(byStatus.get("PLANNED")).as("a plan with actions to show").isPositive();
        assertThat(byStatus).containsOnlyKeys("PLANNED", "SKIPPED");
        assertThat(simulator.requests()).noneMatch(RemediationRowsTests::updatesAShare);

        JsonNode report = ReportFiles.json(reports.resolve(runId + "/report.json"));
        JsonNode remediation = report.get("remediation");
        assertThat(remediation.get("mode").asString()).isEqualTo("PLAN");
        assertThat(remediation.get("approved_plan").isNull()).isTrue();
        assertThat(remediation.get("held_back").isNull()).isTrue();
        assertThat(remediation.get("detail").isNull()).isTrue();
        JsonNode counts = remediation.get("counts");
        for (String status : List.of("PLANNED", "IN_FLIGHT", "APPLIED", "FAILED", "SKIPPED")) {
            assertThat(counts.get(status.toLowerCase()).asLong()).as(status).isEqualTo(byStatus.getOrDefault(status, 0L));
        }
        Map<String, Long> reasons = countBy(stored, "reason");
        reasons.remove(null);
        Map<String, Long> reported = new TreeMap<>();
        counts.get("skipped_by_reason").properties().forEach(e -> {
            if (e.getValue().asLong() > 0) {
                reported.put(e.getKey(), e.getValue().asLong());
            }
        });
        assertThat(reported).isEqualTo(new TreeMap<>(reasons));
        assertThat(counts.get("skipped_by_reason").size()).as("every reason, 0 included").isEqualTo(SkipReason.values().length);

        assertThat(byStatus.get("SKIPPED")).as("a plan with actions only counted").isPositive();
        Map<String, JsonNode> json = new HashMap<>();
        report.get("remediations").forEach(a -> json.put(a.get("share_uid").asString(), a));
        assertThat(json).as("the actions that would be sent, each once; no SKIPPED one").hasSameSizeAs(report.get("remediations"))
                .hasSize((int) (stored.size() - byStatus.get("SKIPPED")));
        Map<String, JsonNode> findings = ReportFiles.findings(report);
        for (JsonNode action : json.values()) {
            assertThat(names(action)).isEqualTo(ACTION_FIELDS.stream().filter(action::has).toList());
            Map<String, String> row = stored.get(action.get("share_uid").asString());
            assertThat(row.get("status")).isNotEqualTo("SKIPPED");
            for (String field : List.of("asset_type", "owner_id", "policy_id", "from_scope", "to_scope", "status", "reason",
                    "note", "request_id", "error")) {
                assertThat(action.path(field).asString(null)).as(field).isEqualTo(row.get(field));
            }
            assertThat(action.get("note").asString()).startsWith(NOTE_PREFIX + " dspm-scanner run " + runId + ": policy ");
            assertThat(action.get("asset_name").asString()).as("the name in the finding it came from").isEqualTo(findings
                    .get(ReportFiles.key(action.get("share_uid").asString(), action.get("policy_id").asString()))
                    .get("asset_name").asString());
        }

        List<List<String>> csv = ReportFiles.csv(reports.resolve(runId + "/remediation.csv"));
        assertThat(String.join(",", csv.get(0))).isEqualTo(RemediationCsv.HEADER).isEqualTo(String.join(",", ACTION_FIELDS));
        assertThat(csv).as("a header and a row per action, the skipped ones included").hasSize(stored.size() + 1);
        Map<String, Long> csvReasons = new TreeMap<>();
        for (List<String> row : csv.subList(1, csv.size())) {
            JsonNode action = json.get(row.get(0));
            if (row.get(ACTION_FIELDS.indexOf("status")).equals("SKIPPED")) {
                assertThat(action).as("a skipped action only counted in report.json").isNull();
                csvReasons.merge(row.get(ACTION_FIELDS.indexOf("reason")), 1L, Long::sum);
                continue;
            }
            for (int i = 1; i < ACTION_FIELDS.size(); i++) {
                String value = action.path(ACTION_FIELDS.get(i)).asString("");
                String expected = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
                assertThat(row.get(i)).as(ACTION_FIELDS.get(i)).isEqualTo(expected);
            }
        }
        assertThat(csvReasons).as("report.json's skipped counts are remediation.csv's skipped rows by reason").isEqualTo(reported);
        assertThat(reports.resolve("latest/remediation.csv")).hasSameBinaryContentAs(reports.resolve(runId + "/remediation.csv"));

        String page = Files.readString(reports.resolve(runId + "/report.html"), StandardCharsets.UTF_8);
        String section = HtmlReportTests.between(page, "<section id=\"remediation\">", "</section>");
        assertThat(section).contains("Plan mode: nothing was changed in the tenant.",
                "--dspm.remediation.approved-plan=" + runId + "</code>",
                "<dd id=\"remediation-planned\">" + byStatus.get("PLANNED") + "</dd>",
                "&lt;img src=x onerror=window.__pwned=1&gt; CHG-1, &quot;ops&quot; &amp; co dspm-scanner run " + runId)
                .doesNotContain("<img", "id=\"held-back\"");
        long listed = Math.min(byStatus.get("PLANNED"), RunReport.CHANGES_LISTED);
        assertThat(section.split("<tr data-uid=", -1)).hasSize((int) listed + 1);
        assertThat(page.indexOf("id=\"changes\"")).isLessThan(page.indexOf("id=\"headline\""));
        assertThat(page.indexOf("id=\"headline\"")).as("the plan after the headline and the charts, as the README says")
                .isLessThan(page.indexOf("id=\"chart-")).isLessThan(page.indexOf("id=\"remediation\""));

        StringBuilder skipped = new StringBuilder();
        new TreeMap<>(reasons).forEach((reason, n) -> skipped.append(skipped.isEmpty() ? "" : ", ").append(n).append(' ')
                .append(reason.toLowerCase().replace('_', ' ')));
        // The reasons in the order of SkipReason, which the line follows: compare as sets of "n reason".
        String line = plan.out().lines().filter(l -> l.startsWith("remediation (plan): ")).findFirst().orElseThrow();
        assertThat(line).startsWith(String.format("remediation (plan): %,d planned, 0 applied, %,d skipped (",
                byStatus.get("PLANNED"), byStatus.getOrDefault("SKIPPED", 0L)));
        assertThat(List.of(line.substring(line.indexOf(" skipped (") + 10, line.length() - 1).split(", ")))
                .containsExactlyInAnyOrder(skipped.toString().split(", "));
        assertThat(plan.out().indexOf(line)).isLessThan(plan.out().indexOf("report: "));
    }

    @Test
    void anApplyReportsEachShareItTightenedWithItsRequestIdAndTheNextRunShowsThemResolved() throws Exception {
        String db = TestDatabases.h2(dir);
        Console.Captured apply = Console.capture(() -> run(db, "--dspm.remediation.mode=apply",
                "--MANUS_ASSET_MGMT_KEY=" + ManusSimulator.MGMT_KEY, "--dspm.remediation.grace-period=PT0S",
                "--dspm.remediation.max-actions=10000"));
        assertThat(apply.exit()).as(apply.err()).isZero();
        long runId = Snapshot.latestRun(db);
        long updates = simulator.requests().stream().filter(RemediationRowsTests::updatesAShare).count();
        assertThat(updates).isPositive();

        JsonNode report = ReportFiles.json(reports.resolve("latest/report.json"));
        assertThat(report.get("remediation").get("mode").asString()).isEqualTo("APPLY");
        assertThat(report.get("remediation").get("counts").get("applied").asLong()).isEqualTo(updates);
        assertThat(report.get("remediation").get("counts").get("planned").asLong()).isZero();
        List<JsonNode> applied = new ArrayList<>();
        report.get("remediations").forEach(a -> {
            if (a.get("status").asString().equals("APPLIED")) {
                applied.add(a);
            }
        });
        assertThat(applied).hasSize((int) updates).allSatisfy(a -> {
            assertThat(a.get("request_id").asString()).isNotBlank();
            assertThat(a.has("error")).as("no error: left out").isFalse();
            assertThat(a.has("reason")).isFalse();
        });
        List<List<String>> csv = ReportFiles.csv(reports.resolve("latest/remediation.csv"));
        int status = csv.get(0).indexOf("status");
        int requestId = csv.get(0).indexOf("request_id");
        assertThat(csv.subList(1, csv.size()).stream().filter(r -> r.get(status).equals("APPLIED")))
                .hasSize((int) updates).allSatisfy(r -> assertThat(r.get(requestId)).isNotEmpty());

        String page = Files.readString(reports.resolve("latest/report.html"), StandardCharsets.UTF_8);
        assertThat(HtmlReportTests.between(page, "<div class=\"tile\" id=\"tile-remediation\">", "</div>"))
                .contains("<span class=\"value\">0</span>", "<span id=\"remediation-applied-count\">" + updates + "</span> applied");
        assertThat(HtmlReportTests.between(page, "<section id=\"remediation\">", "</section>"))
                .contains("<strong>Apply mode</strong>: this run planned from its findings and applied the plan.",
                        "data-status=\"APPLIED\"", "request_id ")
                .doesNotContain("Plan mode", "data-status=\"PLANNED\"");
        assertThat(apply.out()).contains(String.format("remediation (apply): 0 planned, %,d applied, ", updates));

        Console.Captured next = Console.capture(() -> run(db, "--dspm.remediation.mode=plan", "--dspm.remediation.grace-period=PT0S"));
        assertThat(next.exit()).as(next.err()).isZero();
        Map<String, JsonNode> findings = ReportFiles.findings(ReportFiles.json(reports.resolve("latest/report.json")));
        for (JsonNode action : applied) {
            assertThat(findings.get(ReportFiles.key(action.get("share_uid").asString(), action.get("policy_id").asString()))
                    .get("status").asString()).as("tightened the night before").isEqualTo("RESOLVED");
        }
        assertThat(Snapshot.latestRun(db)).isEqualTo(runId + 1);
    }

    @Test
    void aPlanHeldBackByMaxActionsSaysWhyOnThePageInTheJsonAndInTheSummary() throws Exception {
        String db = TestDatabases.h2(dir);
        Console.Captured plan = Console.capture(() -> run(db, "--dspm.remediation.mode=apply",
                "--MANUS_ASSET_MGMT_KEY=" + ManusSimulator.MGMT_KEY, "--dspm.remediation.grace-period=PT0S",
                "--dspm.remediation.max-actions=1"));
        assertThat(plan.exit()).as(plan.err()).isZero();
        assertThat(simulator.requests()).noneMatch(RemediationRowsTests::updatesAShare);
        long runId = Snapshot.latestRun(db);

        JsonNode remediation = ReportFiles.json(reports.resolve(runId + "/report.json")).get("remediation");
        assertThat(remediation.get("held_back").asString()).isEqualTo("TOO_MANY_ACTIONS");
        String detail = remediation.get("detail").asString();
        assertThat(detail).contains("dspm.remediation.max-actions=1", "raise dspm.remediation.max-actions");
        long planned = remediation.get("counts").get("planned").asLong();
        assertThat(planned).isGreaterThan(1);
        assertThat(remediation.get("counts").get("applied").asLong()).isZero();

        String page = Files.readString(reports.resolve(runId + "/report.html"), StandardCharsets.UTF_8);
        assertThat(HtmlReportTests.between(page, "<p class=\"banner\" id=\"held-back\" role=\"alert\" data-guardrail=\"TOO_MANY_ACTIONS\">",
                "</p>")).isEqualTo("<strong>Remediation held back.</strong> " + detail);
        assertThat(HtmlReportTests.between(page, "<div class=\"tile\" id=\"tile-remediation\">", "</div>"))
                .contains("(held back)");
        assertThat(plan.out()).contains(String.format("remediation (apply): %,d planned, 0 applied, ", planned),
                "remediation held back: " + detail);
    }

    @Test
    void anApplyRefusedWithPermissionDeniedShowsTheFailedActionWithItsError() throws Exception {
        String db = TestDatabases.h2(dir);
        // The key passes its check before the scan, then is revoked: the API refuses the first update_scope. Revoked at
        // the scan's pages, not at the second list request: on a loaded machine the key probe (the first) can be asked
        // twice, and the revocation then came before the key check (exit 2, not 1).
        simulator.faults().beforeListRequest(5, tenant -> simulator.faults().failNextUpdates(403, 1_000));
        Console.Captured refused = Console.capture(() -> run(db, "--dspm.remediation.mode=apply",
                "--MANUS_ASSET_MGMT_KEY=" + ManusSimulator.MGMT_KEY, "--dspm.remediation.grace-period=PT0S",
                "--dspm.remediation.max-actions=10000", "--dspm.remediation.threads=4"));
        assertThat(refused.exit()).as("some remediation failed; the run said: %s%s", refused.out(), refused.err()).isEqualTo(1);
        long runId = Snapshot.latestRun(db);

        JsonNode report = ReportFiles.json(reports.resolve(runId + "/report.json"));
        assertThat(report.get("remediation").get("held_back").asString()).isEqualTo("PERMISSION_DENIED");
        List<JsonNode> failed = new ArrayList<>();
        report.get("remediations").forEach(a -> {
            if (a.get("status").asString().equals("FAILED")) {
                failed.add(a);
            }
        });
        // The calls already sent beside the first refused one (one a thread) are refused too; no new one starts after it.
        assertThat(failed).hasSizeBetween(1, 4);
        String error = failed.get(0).get("error").asString();
        assertThat(error).containsIgnoringCase("permission");
        assertThat(report.get("remediation").get("counts").get("skipped_by_reason").get("PERMISSION_DENIED").asLong()).isPositive();

        String page = Files.readString(reports.resolve(runId + "/report.html"), StandardCharsets.UTF_8);
        String table = HtmlReportTests.between(page, "<table id=\"remediation-actions\">", "</table>");
        assertThat(HtmlReportTests.between(table, "<tbody>\n", "</tr>")).as("the failed action first")
                .startsWith("<tr data-uid=\"").contains("\" data-status=\"FAILED\">")
                .contains("<span class=\"badge act-failed\">FAILED</span>");
        assertThat(page).contains("<td class=\"outcome\"><bdi class=\"bad\">" + escape(error) + "</bdi></td>");
        assertThat(refused.out()).contains(", " + failed.size() + " failed, ");
    }

    @Test
    void remediationOffIsSaidSoWithAnEmptyListAndAHeaderOnlyCsv() throws Exception {
        String db = TestDatabases.h2(dir);
        Console.Captured off = Console.capture(() -> run(db, "--dspm.remediation.mode=off"));
        assertThat(off.exit()).as(off.err()).isZero();
        long runId = Snapshot.latestRun(db);

        JsonNode report = ReportFiles.json(reports.resolve(runId + "/report.json"));
        assertThat(report.get("remediation").get("mode").asString()).isEqualTo("OFF");
        assertThat(report.get("remediations")).isEmpty();
        assertThat(ReportFiles.csv(reports.resolve(runId + "/remediation.csv"))).hasSize(1);
        assertThat(Files.readString(reports.resolve(runId + "/report.html"), StandardCharsets.UTF_8))
                .contains("Remediation is off (dspm.remediation.mode=off)");
        assertThat(off.out()).doesNotContain("remediation (");
    }

    int run(String db, String... args) {
        String[] all = Stream.concat(Stream.of("--dspm.report.dir=" + reports), Stream.of(args)).toArray(String[]::new);
        return JobRun.against(simulator, db, all);
    }

    /** The run's remediation_action rows by share uid, each as column name to value. */
    static Map<String, Map<String, String>> actions(String db, long runId) throws SQLException {
        Map<String, Map<String, String>> actions = new HashMap<>();
        try (Connection connection = TestDatabases.connect(db); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT share_uid, asset_type, owner_id, policy_id, from_scope, "
                        + "to_scope, status, reason, note, request_id, error FROM remediation_action WHERE run_id = " + runId)) {
            while (rows.next()) {
                Map<String, String> row = new HashMap<>();
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    row.put(rows.getMetaData().getColumnLabel(i).toLowerCase(), rows.getString(i));
                }
                actions.put(rows.getString(1), row);
            }
        }
        return actions;
    }

    static Map<String, Long> countBy(Map<String, Map<String, String>> actions, String column) {
        Map<String, Long> counts = new HashMap<>();
        actions.values().forEach(row -> counts.merge(row.get(column), 1L, Long::sum));
        return counts;
    }

    static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(Html.replacement((char) c) == null ? Character.toString(c) : Html.replacement((char) c)));
        return out.toString();
    }
}
