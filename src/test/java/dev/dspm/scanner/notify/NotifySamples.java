package dev.dspm.scanner.notify;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.dspm.scanner.policy.Severity;
import dev.dspm.scanner.remediation.RemediationSettings.Mode;
import dev.dspm.scanner.run.RunEnded;
import dev.dspm.scanner.run.RunOutcome;

/**
 * A run's news made by hand, with the tenant text that breaks chat messages: a mention, a link, mrkdwn and Markdown
 * formatting, Slack's control characters, line breaks and escape sequences, right-to-left overrides, a long name.
 */
final class NotifySamples {

    static final String MENTION = "<!channel> payroll.xlsx";
    static final String LINK = "<https://evil.example/login|Reset your password>";
    static final String FORMATTING = "*bold* _italic_ ~strike~ `code` ```block``` [md](https://evil.example)";
    static final String AMPERSAND = "Q&A <b>notes</b> &amp; more";
    static final String CONTROL = "line one\r\nline two \u001b[31mred\u001b[0m invoice_\u202Egpj.exe";
    static final String HERE = "@here @channel <@U012AB3CD> <#C0123|general>";
    static final String LONG = "L".repeat(4_000);
    static final List<String> HOSTILE = List.of(MENTION, LINK, FORMATTING, AMPERSAND, CONTROL, HERE, LONG);

    static final Instant FIRST_SEEN = Instant.parse("2026-11-26T02:30:00Z");
    static final Instant ACT_ON = Instant.parse("2026-11-27T02:30:00Z");

    private NotifySamples() {
    }

    /** A new finding of share {@code i}: HIGH public-file-share, owned by {@code owner}, acted on a day later. */
    static NewFinding finding(int i, String name, String owner) {
        return new NewFinding("shr_" + i, "FILE_SHARE", name, "usr_" + i, owner, "ACTIVE", null, "PUBLIC",
                "public-file-share", "File shared by a public link", "Anyone with the link can open it.", Severity.HIGH,
                "TEAM_ONLY", FIRST_SEEN, ACT_ON);
    }

    /** The hostile names as the first findings, then plain ones up to {@code count}. */
    static List<NewFinding> findings(int count) {
        List<NewFinding> findings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            findings.add(finding(i, i < HOSTILE.size() ? HOSTILE.get(i) : "report-" + i + ".pdf",
                    i < HOSTILE.size() ? HOSTILE.get(HOSTILE.size() - 1 - i) : "owner" + i + "@acme.example"));
        }
        return findings;
    }

    /** Run 42 of acme, completed, with these new HIGH findings (and as many as {@code total} in all). */
    static News news(List<NewFinding> findings, long total, URI reportUrl) {
        Map<Severity, Long> fresh = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            fresh.put(severity, severity == Severity.HIGH ? total : 0L);
        }
        MailRoutes routes = new MailRoutes(false, false);
        findings.forEach(routes::add);
        return new News("acme", 42, RunEnded.Command.SCAN, RunOutcome.COMPLETED, News.ENDED, Optional.empty(), true,
                List.of(), fresh, 3, 1L, new News.Remediation(Mode.PLAN, null, null, 0, 0), Severity.HIGH, total,
                findings.subList(0, Math.min(findings.size(), News.LISTED)), routes,
                "/var/lib/dspm-scanner/reports/42/report.html", reportUrl);
    }

    /** As {@link #news}, for a run whose job failed with {@code line}, before its snapshot was sealed. */
    static News failed(String line) {
        Map<Severity, Long> fresh = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            fresh.put(severity, 0L);
        }
        return new News("acme", 43, RunEnded.Command.SCAN, RunOutcome.FAILED, News.FAILED, Optional.of(line), null,
                List.of(), fresh, 0, null, News.Remediation.NONE, Severity.HIGH, 0, List.of(), new MailRoutes(false, false),
                null, null);
    }
}
