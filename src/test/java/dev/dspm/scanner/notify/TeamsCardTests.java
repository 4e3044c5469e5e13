package dev.dspm.scanner.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Microsoft Teams message as a Workflows webhook receives it (WireMock on loopback): the exact Adaptive Card, under
 * Teams' 28 KB with 2,000 new findings, and tenant text only ever in TextRuns, which Teams shows as written.
 */
class TeamsCardTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final URI REPORT = URI.create("https://reports.acme.example/dspm/latest/report.html");

    Receivers receivers = new Receivers();

    @AfterEach
    void stop() {
        receivers.close();
    }

    @Test
    void aRunIsPostedAsExactlyThisAdaptiveCard() throws Exception {
        News news = NotifySamples.news(List.of(NotifySamples.finding(1, NotifySamples.FORMATTING, "ann@acme.example")), 1,
                REPORT);

        assertThat(send(news)).isEqualTo("""
                {"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive",\
                "contentUrl":null,"content":{"$schema":"http://adaptivecards.io/schemas/adaptive-card.json",\
                "type":"AdaptiveCard","version":"1.4","body":[\
                {"type":"RichTextBlock","inlines":[{"type":"TextRun","text":"dspm-scanner: run 42 of acme: 1 new finding \
                at HIGH or above (1 HIGH)","weight":"Bolder","size":"Medium"}]},\
                {"type":"RichTextBlock","inlines":[{"type":"TextRun","text":"new: 0 CRITICAL, 1 HIGH, 0 MEDIUM, 0 LOW; \
                resolved: 3; widened: 1","size":"Small"}]},\
                {"type":"Container","separator":true,"items":[\
                {"type":"RichTextBlock","inlines":[{"type":"TextRun","text":"HIGH ","weight":"Bolder","color":"Attention"},\
                {"type":"TextRun","text":"*bold* _italic_ ~strike~ `code` ```block``` [md](https://evil.example)",\
                "weight":"Bolder"},{"type":"TextRun","text":" (FILE_SHARE, PUBLIC)"}]},\
                {"type":"RichTextBlock","inlines":[{"type":"TextRun","text":"owner ann@acme.example · policy \
                public-file-share: File shared by a public link"}]},\
                {"type":"RichTextBlock","inlines":[{"type":"TextRun","text":"recommended: TEAM_ONLY · remediation from \
                2026-11-27 02:30 UTC unless fixed or waived"}]}]},\
                {"type":"RichTextBlock","inlines":[{"type":"TextRun","text":"Everything in \
                https://reports.acme.example/dspm/latest/report.html","size":"Small"}]}],\
                "actions":[{"type":"Action.OpenUrl","title":"Open the report",\
                "url":"https://reports.acme.example/dspm/latest/report.html"}]}}]}""");
    }

    @Test
    void tenantTextIsOnlyEverInTextRunsAndHasNoControlCharacters() throws Exception {
        JsonNode message = JSON.readTree(send(NotifySamples.news(NotifySamples.findings(NotifySamples.HOSTILE.size()),
                NotifySamples.HOSTILE.size(), null)));

        List<JsonNode> nodes = new ArrayList<>();
        collect(message, nodes);
        assertThat(nodes).extracting(node -> node.get("type").asString()).doesNotContain("TextBlock", "FactSet")
                .contains("TextRun");
        List<String> texts = nodes.stream().filter(node -> node.get("type").asString().equals("TextRun"))
                .map(node -> node.get("text").asString()).toList();
        assertThat(texts).contains(NotifySamples.MENTION, NotifySamples.LINK, NotifySamples.HERE,
                "line one\uFFFD\uFFFDline two \uFFFD[31mred\uFFFD[0m invoice_\uFFFDgpj.exe");
        assertThat(String.join("", texts)).doesNotContain("\r").doesNotContain("\n").doesNotContain("\u001b")
                .doesNotContain("\u202e");
        assertThat(message.toString()).doesNotContain("\"mention\"").doesNotContain("msteams");
    }

    @Test
    void twoThousandNewFindingsStayUnderTeams28Kilobytes() throws Exception {
        String body = send(NotifySamples.news(NotifySamples.findings(2_000), 2_000, REPORT));

        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(28_000);
        JsonNode card = JSON.readTree(body).get("attachments").get(0).get("content");
        long listed = 0;
        for (JsonNode block : card.get("body")) {
            listed += block.get("type").asString().equals("Container") ? 1 : 0;
        }
        assertThat(listed).isPositive().isLessThanOrEqualTo(TeamsCard.LISTED);
        JsonNode last = card.get("body").get(card.get("body").size() - 1);
        assertThat(last.get("inlines").get(0).get("text").asString())
                .isEqualTo("and " + String.format("%,d", 2_000 - listed) + " more new findings in " + REPORT);
    }

    private String send(News news) throws InterruptedException {
        NotifySettings settings = Settings.channels(null, receivers.url(Receivers.TEAMS), null, null, 1,
                java.time.Duration.ofMillis(10), java.time.Duration.ofSeconds(1));
        Delivery delivery = new Dispatcher(settings, Settings.NO_MAIL, Clock.systemUTC(), Backoff.REAL)
                .send(Channel.TEAMS, "teams", null, TeamsCard.render(news), "msg_1");
        assertThat(delivery.sent()).isTrue();
        return receivers.posts(Receivers.TEAMS).get(0).getBodyAsString();
    }

    private static void collect(JsonNode node, List<JsonNode> typed) {
        if (node.isObject() && node.has("type") && !node.get("type").asString().equals("message")) {
            typed.add(node);
        }
        node.forEach(child -> collect(child, typed));
    }
}
