package dev.dspm.scanner.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Slack message, as Slack's incoming webhook receives it (WireMock on loopback): the exact Block Kit body, Slack's
 * limits with 2,000 new findings, and hostile names that never become a mention, a link or formatting.
 */
class SlackMessageTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final URI REPORT = URI.create("https://reports.acme.example/dspm/latest/report.html?tenant=acme&v=1");

    Receivers receivers = new Receivers();

    @AfterEach
    void stop() {
        receivers.close();
    }

    @Test
    void aRunIsPostedAsExactlyThisBlockKitMessage() throws Exception {
        News news = NotifySamples.news(List.of(NotifySamples.finding(1, NotifySamples.MENTION, "ann@acme.example"),
                NotifySamples.finding(2, NotifySamples.LINK, "bo@acme.example")), 5, REPORT);

        assertThat(send(news)).isEqualTo("""
                {"text":"run 42 of acme: 5 new findings at HIGH or above (5 HIGH)","blocks":[\
                {"type":"section","text":{"type":"mrkdwn","verbatim":true,"text":"*dspm-scanner* run 42 of `acme`: \
                *5 new findings* at HIGH or above (5 HIGH)"}},\
                {"type":"context","elements":[{"type":"mrkdwn","verbatim":true,"text":\
                "new: 0 CRITICAL, 5 HIGH, 0 MEDIUM, 0 LOW; resolved: 3; widened: 1"}]},\
                {"type":"divider"},\
                {"type":"section","text":{"type":"mrkdwn","verbatim":true,"text":"*HIGH* `&lt;!channel&gt; payroll.xlsx` \
                (FILE_SHARE, PUBLIC)\\nowner `ann@acme.example` · policy `public-file-share` `File shared by a public link`\
                \\nrecommended: TEAM_ONLY · remediation from 2026-11-27 02:30 UTC unless fixed or waived"}},\
                {"type":"section","text":{"type":"mrkdwn","verbatim":true,"text":"*HIGH* \
                `&lt;https://evil.example/login|Reset your password&gt;` (FILE_SHARE, PUBLIC)\\nowner `bo@acme.example` · \
                policy `public-file-share` `File shared by a public link`\\nrecommended: TEAM_ONLY · remediation from \
                2026-11-27 02:30 UTC unless fixed or waived"}},\
                {"type":"section","text":{"type":"mrkdwn","verbatim":true,"text":"and 3 more new findings in \
                <https://reports.acme.example/dspm/latest/report.html?tenant=acme&amp;v=1|the report>"}}]}""");
    }

    @Test
    void hostileNamesNeverBecomeAMentionALinkOrFormatting() throws Exception {
        JsonNode message = JSON.readTree(send(NotifySamples.news(NotifySamples.findings(NotifySamples.HOSTILE.size()),
                NotifySamples.HOSTILE.size(), null)));

        List<String> texts = texts(message);
        String all = String.join("\n", texts);
        // Slack's control characters only as entities: no <!channel>, no <https://...|...>, no <@U...>, no <#C...>
        assertThat(all).doesNotContain("<").doesNotContain(">").contains("&lt;!channel&gt; payroll.xlsx")
                .contains("&lt;https://evil.example/login|Reset your password&gt;")
                .contains("Q&amp;A &lt;b&gt;notes&lt;/b&gt; &amp;amp; more")
                .contains("@here @channel &lt;@U012AB3CD&gt; &lt;#C0123|general&gt;");
        // formatting characters stay inside inline code, which has no backtick left to close it early
        assertThat(all).contains("`*bold* _italic_ ~strike~ \u02cbcode\u02cb \u02cb\u02cb\u02cbblock\u02cb\u02cb\u02cb "
                + "[md](https://evil.example)`");
        assertThat(all).contains("`line one\uFFFD\uFFFDline two \uFFFD[31mred\uFFFD[0m invoice_\uFFFDgpj.exe`").doesNotContain("\u001b")
                .doesNotContain("\u202e").doesNotContain("\r");
        assertThat(all).contains("`" + "L".repeat(SlackMessage.MAX_TEXT) + "\u2026`");
        for (JsonNode block : message.get("blocks")) {
            if (block.has("text")) {
                assertThat(block.get("text").get("type").asString()).isIn("mrkdwn", "plain_text");
                assertThat(block.get("text").get("verbatim").asBoolean(true)).as("no automatic links").isTrue();
            }
        }
        assertThat(message.get("text").asString()).doesNotContain("<");
    }

    @Test
    void twoThousandNewFindingsStayWithinSlacksLimits() throws Exception {
        JsonNode message = JSON.readTree(send(NotifySamples.news(NotifySamples.findings(2_000), 2_000, REPORT)));

        assertThat(message.get("blocks").size()).isLessThanOrEqualTo(SlackMessage.MAX_BLOCKS);
        assertThat(texts(message)).allSatisfy(text -> assertThat(text.length()).isLessThanOrEqualTo(3_000));
        long findings = texts(message).stream().filter(text -> text.startsWith("*HIGH*")).count();
        assertThat(findings).isEqualTo(SlackMessage.LISTED);
        assertThat(texts(message).get(texts(message).size() - 1)).startsWith("and 1,980 more new findings in <https://");
    }

    @Test
    void aFailedRunSaysWhyInPlainTextWhichSlackNeverParses() throws Exception {
        JsonNode message = JSON.readTree(send(NotifySamples.failed("run 43 failed: team.asset.list answered <!here> 503")));

        assertThat(message.get("blocks").get(0).get("text").get("text").asString())
                .isEqualTo("*dspm-scanner* run 43 of `acme`: *FAILED*");
        JsonNode alert = message.get("blocks").get(2).get("text");
        assertThat(alert.get("type").asString()).isEqualTo("plain_text");
        assertThat(alert.get("emoji").asBoolean()).isFalse();
        assertThat(alert.get("text").asString()).isEqualTo("\u26a0 run 43 failed: team.asset.list answered <!here> 503 "
                + "(the next start within dspm.scan.resume-within resumes it)");
    }

    /** Posts the rendered message to the Slack receiver and returns the body it received. */
    private String send(News news) throws InterruptedException {
        NotifySettings settings = Settings.of(receivers.url(Receivers.SLACK));
        Delivery delivery = new Dispatcher(settings, Settings.NO_MAIL, java.time.Clock.systemUTC(), Backoff.REAL)
                .send(Channel.SLACK, "slack", null, SlackMessage.render(news), "msg_1");
        assertThat(delivery.sent()).isTrue();
        assertThat(receivers.posts(Receivers.SLACK)).hasSize(1);
        String body = receivers.posts(Receivers.SLACK).get(0).getBodyAsString();
        receivers.http.resetRequests();
        return body;
    }

    private static List<String> texts(JsonNode message) {
        List<String> texts = new ArrayList<>();
        for (JsonNode block : message.get("blocks")) {
            if (block.has("text")) {
                texts.add(block.get("text").get("text").asString());
            }
            if (block.has("elements")) {
                block.get("elements").forEach(element -> texts.add(element.get("text").asString()));
            }
        }
        return texts;
    }
}
