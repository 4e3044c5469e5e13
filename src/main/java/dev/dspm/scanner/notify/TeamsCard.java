package dev.dspm.scanner.notify;

import java.nio.charset.StandardCharsets;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.dspm.scanner.policy.Severity;

/**
 * A run's message for a Microsoft Teams Workflows webhook: a message with one Adaptive Card (1.4), under the ~28 KB a
 * Teams message may carry. All text is in {@code TextRun}s of {@code RichTextBlock}s, which Teams shows as written (no
 * Markdown, so a name cannot become a link or formatting); the card carries no mention entity, so nothing mentions.
 */
final class TeamsCard {

    /** Findings listed at most; fewer when the card would outgrow {@link #MAX_BYTES}. */
    static final int LISTED = 20;
    /** Teams refuses a message over about 28 KB; the envelope and headroom take the rest. */
    static final int MAX_BYTES = 26_000;
    static final int MAX_TEXT = 200;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TeamsCard() {
    }

    static String render(News news) {
        ObjectNode message = JSON.createObjectNode().put("type", "message");
        ObjectNode attachment = message.putArray("attachments").addObject()
                .put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content")
                .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .put("type", "AdaptiveCard").put("version", "1.4");
        ArrayNode body = card.putArray("body");
        text(body, "dspm-scanner: " + news.headline(), "Bolder", "Medium", news.failed() ? "Attention" : "Default");
        text(body, news.counts(), null, "Small", "Default");
        for (String alert : news.alerts()) {
            text(body, "\u26a0 " + alert, null, null, "Attention");
        }
        List<NewFinding> candidates = news.worst().stream().limit(LISTED).toList();
        int listed = 0;
        String fits = JSON.writeValueAsString(withMore(message, body, news, 0));
        for (NewFinding finding : candidates) {
            finding(body, finding);
            String next = JSON.writeValueAsString(withMore(message, body, news, listed + 1));
            if (next.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
                body.remove(body.size() - 1);
                break;
            }
            fits = next;
            listed++;
        }
        return fits;
    }

    /** The message with the closing line for {@code listed} findings, taken off again afterwards. */
    private static ObjectNode withMore(ObjectNode message, ArrayNode body, News news, int listed) {
        ObjectNode copy = message.deepCopy();
        ArrayNode copyBody = (ArrayNode) copy.get("attachments").get(0).get("content").get("body");
        long more = news.newAtOrAbove() - listed;
        text(copyBody, (more > 0 ? "and " + Text.count(more, "more new finding") + " in " : "Everything in ")
                + news.where(), null, "Small", "Default");
        if (news.reportUrl() != null) {
            ((ObjectNode) copy.get("attachments").get(0).get("content")).putArray("actions").addObject()
                    .put("type", "Action.OpenUrl").put("title", "Open the report").put("url", news.reportUrl().toString());
        }
        return copy;
    }

    /** One finding: a container of three lines, the first two carrying tenant and policy text as written. */
    private static void finding(ArrayNode body, NewFinding finding) {
        ObjectNode container = body.addObject().put("type", "Container").put("separator", true);
        ArrayNode lines = container.putArray("items");
        ArrayNode first = lines.addObject().put("type", "RichTextBlock").putArray("inlines");
        run(first, finding.severity() + " ", "Bolder", finding.severity().compareTo(Severity.HIGH) >= 0 ? "Attention" : "Warning");
        run(first, Text.printable(finding.assetName(), MAX_TEXT), "Bolder", null);
        run(first, " (" + finding.assetType() + ", " + finding.permission() + ")", null, null);
        ArrayNode second = lines.addObject().put("type", "RichTextBlock").putArray("inlines");
        run(second, "owner " + Text.printable(finding.ownerEmail() != null ? finding.ownerEmail() : finding.ownerId(), MAX_TEXT)
                + (finding.ownerDeparted() ? " (left the team)" : "") + " \u00b7 policy " + Text.printable(finding.policyId(), MAX_TEXT)
                + ": " + Text.printable(finding.title(), MAX_TEXT), null, null);
        if (finding.recommendedScope() != null) {
            ArrayNode third = lines.addObject().put("type", "RichTextBlock").putArray("inlines");
            run(third, "recommended: " + finding.recommendedScope() + (finding.actOn() == null ? ""
                    : " \u00b7 remediation from " + SlackMessage.DAY.format(finding.actOn()) + " unless fixed or waived"),
                    null, null);
        }
    }

    private static void text(ArrayNode body, String text, String weight, String size, String color) {
        ObjectNode block = body.addObject().put("type", "RichTextBlock");
        ObjectNode run = run(block.putArray("inlines"), Text.printable(text, 2_000), weight, color);
        if (size != null) {
            run.put("size", size);
        }
    }

    private static ObjectNode run(ArrayNode inlines, String text, String weight, String color) {
        ObjectNode run = inlines.addObject().put("type", "TextRun").put("text", text);
        if (weight != null) {
            run.put("weight", weight);
        }
        if (color != null && !color.equals("Default")) {
            run.put("color", color);
        }
        return run;
    }
}
