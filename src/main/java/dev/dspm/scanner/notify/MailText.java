package dev.dspm.scanner.notify;

import java.util.List;

import dev.dspm.scanner.remediation.RemediationSettings.Mode;

/**
 * The emails' subjects and plain-text bodies (text, not HTML: a hostile name arrives as the text it is, with its line
 * breaks and control characters shown as {@code ?}). Each finding says what to do and, when remediation will act,
 * from when.
 */
final class MailText {

    private static final int MAX_TEXT = 200;

    private MailText() {
    }

    /** The security team's digest: the run, what went wrong, and the new findings no other email carried. */
    static Message digest(News news, MailRoutes routes, String recipients) {
        StringBuilder body = new StringBuilder();
        body.append(Text.printable(news.headline(), 1_000)).append("\n\n").append(news.counts()).append('\n');
        for (String alert : news.alerts()) {
            body.append("\n! ").append(Text.printable(alert, 2_000)).append('\n');
        }
        MailRoutes.Bucket digest = routes.digest();
        long elsewhere = routes.toOwners() + routes.departed().total();
        if (elsewhere > 0) {
            body.append(String.format("%n%s went to %s, %s to the fallback address for owners who left the team.%n",
                    Text.count(routes.toOwners(), "new finding"), Text.count(routes.owners().size(), "owner"),
                    Text.count(routes.departed().total(), "finding")));
        }
        if (digest.total() > 0) {
            body.append(elsewhere > 0 ? "\nThe others (owner unknown or not emailed):\n" : "\nThe new findings, worst first:\n");
            list(body, digest, news);
        }
        body.append("\nReport: ").append(Text.printable(news.where(), 1_000)).append('\n');
        return new Message(Channel.EMAIL, recipients, subject("dspm-scanner: " + news.headline()), footer(body));
    }

    /** One owner's email: only that owner's new findings, and how to fix each. */
    static Message owner(News news, String address, MailRoutes.Bucket findings) {
        StringBuilder body = new StringBuilder("Hello,\n\n");
        body.append(String.format("dspm-scanner, the security team's nightly check of the Manus team %s, found %s of "
                + "yours open wider than policy allows (run %d). Please fix each below, or ask the security team for an "
                + "exception if it must stay as it is.%n", quoted(news.tenant()),
                Text.count(findings.total(), "share"), news.runId()));
        list(body, findings, news);
        return new Message(Channel.EMAIL, address, subject("Your Manus shares: " + Text.count(findings.total(),
                "finding") + " to fix"), footer(body));
    }

    /** The fallback's email: the new findings of owners who left the team, for someone who can act on them. */
    static Message fallback(News news, String address, MailRoutes.Bucket findings) {
        StringBuilder body = new StringBuilder();
        body.append(String.format("dspm-scanner run %d of %s: %s of owners who left the team (inactive or removed), "
                + "so nobody else was told of them.%n", news.runId(), quoted(news.tenant()),
                Text.count(findings.total(), "new finding")));
        list(body, findings, news);
        return new Message(Channel.EMAIL, address, subject("dspm-scanner: " + Text.count(findings.total(), "finding")
                + " of departed owners"), footer(body));
    }

    private static void list(StringBuilder body, MailRoutes.Bucket bucket, News news) {
        List<NewFinding> listed = bucket.listed();
        for (int i = 0; i < listed.size(); i++) {
            NewFinding finding = listed.get(i);
            body.append(String.format("%n%d. [%s] %s (%s, shared %s)%n", i + 1, finding.severity(),
                    Text.printable(finding.assetName(), MAX_TEXT), finding.assetType(), finding.permission()));
            body.append("   owner: ").append(Text.printable(finding.ownerEmail() != null ? finding.ownerEmail()
                    : finding.ownerId(), MAX_TEXT)).append(finding.ownerDeparted() ? " (left the team)" : "").append('\n');
            body.append("   policy: ").append(Text.printable(finding.policyId(), MAX_TEXT)).append(" - ")
                    .append(Text.printable(finding.title(), MAX_TEXT)).append('\n');
            body.append("   share: ").append(Text.printable(finding.shareUid(), MAX_TEXT)).append('\n');
            body.append("   fix: ").append(fix(finding, news.remediation().mode())).append('\n');
            if (finding.rationale() != null) {
                body.append("   why: ").append(Text.printable(finding.rationale(), 600)).append('\n');
            }
        }
        if (bucket.total() > listed.size()) {
            body.append(String.format("%nand %,d more, in the security team's report.%n", bucket.total() - listed.size()));
        }
    }

    /** What to do, and when remediation acts if nobody does. */
    static String fix(NewFinding finding, Mode mode) {
        if (finding.recommendedScope() == null) {
            return "review who this share is open to, and narrow or remove it.";
        }
        String fix = "narrow it to " + finding.recommendedScope() + " (or tighter), or stop sharing it.";
        if (finding.actOn() == null) {
            return fix;
        }
        String from = SlackMessage.DAY.format(finding.actOn());
        return fix + (mode == Mode.APPLY ? " Unless it is fixed or waived, remediation sets it to " + finding.recommendedScope()
                + " from " + from + "." : " Unless it is fixed or waived, it is in the remediation plan from " + from + ".");
    }

    private static String quoted(String text) {
        return "\"" + Text.printable(text, MAX_TEXT) + "\"";
    }

    private static String subject(String text) {
        return Text.printable(text, 200);
    }

    private static String footer(StringBuilder body) {
        return body.append("\n-- \nSent by dspm-scanner once for this run. Share names are shown as the Manus API gave them.\n")
                .toString();
    }
}
