package dev.dspm.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.dspm.scanner.notify.Receivers;
import dev.dspm.scanner.notify.WebhookSignatures;

/**
 * {@code --demo} with a notification channel pointed at a local receiver, as the README shows: the demo's night is
 * sent there, signed with the demo's published secret, every demo night (a second one too); a channel set in the
 * shell is not used.
 */
@SystemTest
class DemoNotificationsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    Receivers receivers = new Receivers();

    @AfterEach
    void stop() {
        receivers.close();
    }

    @Test
    void theDemosNightIsSentToTheReceiverItIsPointedAtAndNowhereElse() throws Exception {
        Map<String, String> shell = Map.of("DSPM_NOTIFY_SLACK_WEBHOOK_URL", receivers.url(Receivers.SLACK),
                "SPRING_MAIL_HOST", "127.0.0.1", "DSPM_NOTIFY_EMAIL_TO", Receivers.SECURITY);
        String[] demo = { "--demo", "--dspm.notify.webhook.url=" + receivers.url(Receivers.HOOK),
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("demo"), "--dspm.report.dir=" + dir.resolve("reports") };

        Console.Captured first = Console.capture(() -> DspmScannerApplication.run(demo, Map.of(), shell));
        Console.Captured second = Console.capture(() -> DspmScannerApplication.run(demo, Map.of(), shell));

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(first.out()).contains("demo: the webhook is signed with the demo's own secret "
                + DemoMode.DEMO_WEBHOOK_SECRET).contains("notifications of run 1: webhook sent");
        assertThat(receivers.posts(Receivers.HOOK)).hasSize(2).allSatisfy(post -> assertThat(WebhookSignatures.valid(
                DemoMode.DEMO_WEBHOOK_SECRET, post, Instant.now())).isTrue());
        JsonNode night = JSON.readTree(receivers.posts(Receivers.HOOK).get(0).getBodyAsString()).get("data");
        assertThat(night.get("tenant").asString()).isEqualTo("demo");
        assertThat(night.get("new_findings_total").asLong()).isPositive();
        assertThat(night.get("new_findings")).isNotEmpty();
        assertThat(JSON.readTree(receivers.posts(Receivers.HOOK).get(1).getBodyAsString()).get("data")
                .get("new_findings_total").asLong()).as("the second night, with nothing new, sent all the same").isZero();
        assertThat(receivers.posts(Receivers.SLACK)).as("the shell's channel").isEmpty();
        assertThat(receivers.mails()).as("the shell's mail").isEmpty();
    }
}
