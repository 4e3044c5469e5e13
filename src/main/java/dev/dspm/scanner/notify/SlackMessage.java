package dev.dspm.scanner.notify;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A run's message for a Slack incoming webhook, in Block Kit: the headline, what went wrong, the worst new findings,
 * and "and N more" with where the report is. Within Slack's limits: at most 50 blocks, 3,000 characters a section.
 * Tenant and policy text (names, owners, policy ids and titles) is shown in inline code, with {@code &}, {@code <} and
 * {@code >} escaped as Slack asks: no name becomes a mention, a link or formatting. Sentences that carry such text
 * (a failure's cause) are {@code plain_text}, which Slack never parses.
 */
final class SlackMessage {

    /** Findings listed; the rest are counted. */
    static final int LISTED = 20;
    static final int MAX_BLOCKS = 50;
    static final int MAX_SECTION = 3_000;
    /** Code points of one piece of tenant text: five of them, escaped, stay well inside a section. */
    static final int MAX_TEXT = 100;
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SlackMessage() {
    }

    static String render(News news) {
        ObjectNode message = JSON.createObjectNode();
        message.put("text", escape(news.headline()));
        ArrayNode blocks = message.putArray("blocks");
        mrkdwn(blocks, "*dspm-scanner* run " + news.runId() + " of " + code(news.tenant()) + ": "
                + (news.failed() ? "*" + news.outcome() + "*" : news.newAtOrAbove() == 0
                        ? "no new finding at " + news.minSeverity() + " or above"
                        : "*" + Text.count(news.newAtOrAbove(), "new finding") + "* at " + news.minSeverity()
                                + " or above (" + news.bySeverity() + ")"));
        context(blocks, escape(news.counts()));
        for (String alert : news.alerts()) {
            ObjectNode section = blocks.addObject().put("type", "section");
            section.putObject("text").put("type", "plain_text").put("emoji", false).put("text", cut("\u26a0 " + Text.printable(alert, MAX_SECTION)));
        }
        List<NewFinding> listed = news.worst().stream().limit(LISTED).toList();
        if (!listed.isEmpty()) {
            blocks.addObject().put("type", "divider");
        }
        for (NewFinding finding : listed) {
            mrkdwn(blocks, finding(finding));
        }
        long more = news.newAtOrAbove() - listed.size();
        String report = news.reportUrl() != null ? "<" + escape(news.reportUrl().toString()) + "|the report>"
                : news.reportPath() != null ? code(news.reportPath()) + " on the host that ran the job" : "no report";
        mrkdwn(blocks, (more > 0 ? "and " + Text.count(more, "more new finding") + " in " : "Everything in ") + report);
        return JSON.writeValueAsString(message);
    }

    private static String finding(NewFinding finding) {
        StringBuilder text = new StringBuilder("*").append(finding.severity()).append("* ")
                .append(code(finding.assetName())).append(" (").append(escape(finding.assetType())).append(", ")
                .append(escape(finding.permission())).append(")\nowner ")
                .append(code(finding.ownerEmail() != null ? finding.ownerEmail() : finding.ownerId()))
                .append(finding.ownerDeparted() ? " (left the team)" : "")
                .append(" · policy ").append(code(finding.policyId())).append(' ').append(code(finding.title()));
        if (finding.recommendedScope() != null) {
            text.append("\nrecommended: ").append(escape(finding.recommendedScope()));
            if (finding.actOn() != null) {
                text.append(" · remediation from ").append(DAY.format(finding.actOn())).append(" unless fixed or waived");
            }
        }
        return cut(text.toString());
    }

    private static void mrkdwn(ArrayNode blocks, String text) {
        ObjectNode section = blocks.addObject().put("type", "section");
        // verbatim: no automatic links of URLs or #channel names in what the job writes
        section.putObject("text").put("type", "mrkdwn").put("verbatim", true).put("text", cut(text));
    }

    private static void context(ArrayNode blocks, String text) {
        ObjectNode context = blocks.addObject().put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn").put("verbatim", true).put("text", cut(text));
    }

    /** Tenant or policy text as inline code: escaped, one line, cut, and no backtick to close the code early. */
    static String code(String text) {
        String shown = Text.printable(text, MAX_TEXT).replace('`', '\u02cb');
        return "`" + escape(shown.isEmpty() ? "-" : shown) + "`";
    }

    /** Slack's three control characters, as its formatting reference says to escape them. */
    static String escape(String text) {
        return text == null ? "-" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cut(String text) {
        return text.length() <= MAX_SECTION ? text : text.substring(0, MAX_SECTION - 1) + "\u2026";
    }
}
