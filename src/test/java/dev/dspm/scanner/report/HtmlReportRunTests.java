package dev.dspm.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.Snapshot;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * report.html of a real run whose findings outnumber the table (dspm.report.html-max-rows lowered to 40): the counts
 * and every filter choice are the whole run's, read from the database, not the rows the page embeds; the page says at
 * the top of its findings and under the headline which part it shows and where the rest is; the sections come in the
 * README's order; and the remediation table names owners as the findings table does.
 */
class HtmlReportRunTests {

    private static final int MAX_ROWS = 40;
    private static final Pattern ROW = Pattern.compile("<tr data-uid=\"[^\"]*\"><td>(?:<span[^>]*>)?([A-Z]+)");
    private static final Pattern ACTION = Pattern.compile("<tr data-uid=\"([^\"]*)\" data-status=\"[A-Z_]+\">"
            + "(?:<td>.*?</td>){3}<td class=\"name\">.*?</td><td>(.*?)</td><td class=\"scope\">");

    ManusSimulator simulator;

    @BeforeEach
    void start() {
        simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(29L, 1_500)));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void countsAndFilterChoicesAreTheWholeRunsAndThePageSaysWhichPartItShows(String kind, @TempDir Path dir) throws Exception {
        String db = TestDatabases.of(kind, dir);
        Path reports = dir.resolve("reports");
        assertThat(JobRun.against(simulator, db, "--dspm.report.dir=" + reports, "--dspm.report.html-max-rows=" + MAX_ROWS,
                "--MANUS_USER_MGMT_KEY=" + ManusSimulator.USER_KEY, "--dspm.remediation.grace-period=PT0S")).isZero();
        long runId = Snapshot.latestRun(db);
        String page = Files.readString(reports.resolve(runId + "/report.html"));
        long total = Snapshot.single(db, "SELECT COUNT(*) FROM finding WHERE run_id = ?", runId);
        assertThat(total).isGreaterThan(10L * MAX_ROWS);

        List<String> tabled = new ArrayList<>();
        Matcher rows = ROW.matcher(section(page, "findings-section"));
        while (rows.find()) {
            tabled.add(rows.group(1));
        }
        assertThat(tabled).hasSize(MAX_ROWS);
        Map<String, Long> severities = counts(db, "SELECT severity, COUNT(*) FROM finding WHERE run_id = ? GROUP BY severity", runId);
        assertThat(severities.keySet()).as("severities found only beyond the table").contains("MEDIUM", "LOW");
        assertThat(tabled).doesNotContain("MEDIUM", "LOW");
        assertOptions(page, "severity", severities);
        assertOptions(page, "status", counts(db, "SELECT status, COUNT(*) FROM finding WHERE run_id = ? GROUP BY status", runId));
        Map<String, Long> policies = counts(db, "SELECT policy_id, COUNT(*) FROM finding WHERE run_id = ? GROUP BY policy_id", runId);
        assertThat(policies).as("policies found only beyond the table").containsKeys("stale-public-share", "orphaned-share");
        assertOptions(page, "policy", policies);
        assertOptions(page, "type", counts(db, "SELECT asset_type, COUNT(*) FROM finding WHERE run_id = ? GROUP BY asset_type",
                runId));
        Map<String, Long> owners = counts(db, "SELECT COALESCE(o.email, f.owner_id), COUNT(*) FROM finding f LEFT JOIN run_owner o "
                + "ON o.run_id = f.run_id AND o.team_user_id = f.owner_id WHERE f.run_id = ? AND f.owner_id IS NOT NULL "
                + "GROUP BY COALESCE(o.email, f.owner_id)", runId);
        assertThat(owners.size()).as("more owners than the table's rows could offer").isGreaterThan(MAX_ROWS);
        assertOptions(page, "owner", owners);
        assertOptions(page, "owner-status", counts(db, "SELECT o.status, COUNT(*) FROM finding f JOIN run_owner o "
                + "ON o.run_id = f.run_id AND o.team_user_id = f.owner_id WHERE f.run_id = ? GROUP BY o.status", runId));

        String findings = section(page, "findings-section");
        assertThat(findings).startsWith("\n<h2>Findings</h2>\n<p id=\"table-scope\" class=\"more\"><strong>"
                + String.format("%,d of %,d findings shown: the most severe first</strong>", MAX_ROWS, total))
                .contains(String.format("The other %,d (dspm.report.html-max-rows is %d) are in <a href=\"report.csv\">"
                        + "report.csv</a> and <a href=\"report.json\">report.json</a> beside this page", total - MAX_ROWS, MAX_ROWS),
                        String.format("%d of %d rows shown; the table holds %d of the run\u2019s %,d findings</output>",
                                MAX_ROWS, MAX_ROWS, MAX_ROWS, total));
        assertThat(section(page, "headline")).contains(String.format("The findings table below shows %d of %,d findings, "
                + "the most severe first; all %,d are in", MAX_ROWS, total, total));
        assertThat(page).doesNotContain("id=\"more-rows\"");
        assertThat(List.of("id=\"changes\"", "id=\"headline\"", "id=\"chart-", "id=\"remediation\"", "id=\"owners-section\"",
                "id=\"findings-section\"").stream().map(page::indexOf).toList()).as("changes, headline, charts, then the rest")
                .allMatch(i -> i >= 0).isSorted();
        assertThat(Files.exists(reports.resolve(runId + "/report.csv"))).as("the link's target, beside the page").isTrue();

        Map<String, String> owned = actionOwners(db, runId);
        Matcher actions = ACTION.matcher(section(page, "remediation"));
        int listed = 0;
        while (actions.find()) {
            listed++;
            String uid = actions.group(1);
            assertThat(actions.group(2).replaceAll("<[^>]*>", "")).as("the Owner of %s", uid).isEqualTo(escaped(owned.get(uid)));
        }
        assertThat(listed).isEqualTo(RunReport.CHANGES_LISTED);
        assertThat(section(page, "remediation")).as("owners shown by email, their id on hover").contains("@");
    }

    /** Every value the run has is offered once, with the run's count; nothing else is. */
    private static void assertOptions(String page, String column, Map<String, Long> expected) throws IOException {
        String select = HtmlReportTests.between(page, "<select id=\"filter-" + column + "\">", "</select>");
        StringBuilder markup = new StringBuilder();
        for (Map.Entry<String, Long> value : expected.entrySet()) {
            String option = "<option value=\"" + escaped(value.getKey()) + "\">" + escaped(value.getKey())
                    + String.format(" (%,d)</option>", value.getValue());
            assertThat(select).as(column).contains(option);
            markup.append(option);
        }
        assertThat(select.length()).as(column + ": no other option").isEqualTo("<option value=\"\">all</option>".length()
                + markup.length());
    }

    /** The owner each listed action's row should show: the member's email where the run matched one, else the id. */
    private static Map<String, String> actionOwners(String db, long runId) throws Exception {
        Map<String, String> owners = new LinkedHashMap<>();
        try (Connection c = TestDatabases.connect(db); PreparedStatement query = c.prepareStatement("SELECT a.share_uid, "
                + "COALESCE(o.email, a.owner_id) FROM remediation_action a LEFT JOIN run_owner o ON o.run_id = a.run_id AND "
                + "o.team_user_id = a.owner_id WHERE a.run_id = ?")) {
            query.setLong(1, runId);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    owners.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return owners;
    }

    private static Map<String, Long> counts(String db, String sql, long runId) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = TestDatabases.connect(db); PreparedStatement query = c.prepareStatement(sql)) {
            query.setLong(1, runId);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    private static String section(String page, String id) {
        return HtmlReportTests.between(page, "<section id=\"" + id + "\">", "</section>");
    }

    private static String escaped(String text) throws IOException {
        StringWriter out = new StringWriter();
        new Html(out).text(Html.shortened(text, Html.DISPLAY_CODE_POINTS));
        return out.toString();
    }
}
