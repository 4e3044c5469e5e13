package dev.dspm.scanner.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.Console;
import dev.dspm.scanner.DspmScannerApplication;

/**
 * {@code --notify-test}: one test message to every configured channel and one line each, exit 0 when all were
 * delivered, 1 when one was not, 2 with no channel; no Manus key, no database, no run.
 */
class NotifyTestCommandTests {

    @TempDir
    Path dir;

    Receivers receivers = new Receivers();

    @AfterEach
    void stop() {
        receivers.close();
    }

    @Test
    void everyChannelGetsOneTestMessageAndALineWithNoKeyAndNoDatabase() throws Exception {
        Console.Captured test = notifyTest();

        assertThat(test.exit()).isZero();
        // (GreenMail, in this JVM, logs to the same console)
        assertThat(test.out().lines().filter(line -> !line.matches("\\d\\d:\\d\\d:.*")).toList()).containsExactly("slack: sent (HTTP 200)", "teams: sent (HTTP 200)",
                "webhook: sent (HTTP 200)", "email to " + Receivers.SECURITY + ": sent (accepted by 127.0.0.1)",
                "email to " + Receivers.FALLBACK + ": sent (accepted by 127.0.0.1)");
        assertThat(receivers.posts(Receivers.SLACK)).hasSize(1);
        assertThat(receivers.posts(Receivers.TEAMS)).hasSize(1);
        assertThat(receivers.posts(Receivers.HOOK)).hasSize(1);
        assertThat(WebhookTests.Verifier.verify(Receivers.SECRET, receivers.posts(Receivers.HOOK).get(0), Instant.now()))
                .isTrue();
        assertThat(receivers.posts(Receivers.HOOK).get(0).getBodyAsString()).contains("\"type\":\"dspm.test\"");
        assertThat(receivers.mails()).hasSize(2);
        assertThat(receivers.mails().get(0).getSubject()).isEqualTo("dspm-scanner test message for acme");
        assertThat(Files.exists(dir.resolve("db"))).as("no database").isFalse();
        assertThat(Files.exists(dir.resolve("reports"))).as("no report folder").isFalse();
    }

    @Test
    void aChannelThatRefusesIsExitOneAndSaysWhy() throws Exception {
        receivers.http.stubFor(post(urlEqualTo(Receivers.TEAMS)).willReturn(aResponse().withStatus(404)
                .withBody("Workflow not found")));

        Console.Captured test = notifyTest();

        assertThat(test.exit()).isEqualTo(1);
        assertThat(test.out()).contains("teams: FAILED: HTTP 404: Workflow not found").contains("slack: sent");
    }

    @Test
    void noChannelIsExitTwo() throws Exception {
        Console.Captured test = Console.capture(() -> DspmScannerApplication.run(new String[] {"--notify-test",
                "--dspm.report.dir=" + dir.resolve("reports")}, Map.of()));

        assertThat(test.exit()).isEqualTo(2);
        assertThat(test.err()).contains("dspm-scanner: configuration error: no notification channel is configured");
    }

    private Console.Captured notifyTest() throws Exception {
        List<String> args = new ArrayList<>(receivers.allChannels("--notify-test", "--dspm.tenant=acme",
                "--dspm.notify.max-attempts=1", "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db/dspm"),
                "--dspm.report.dir=" + dir.resolve("reports")));
        return Console.capture(() -> DspmScannerApplication.run(args.toArray(String[]::new), Map.of()));
    }
}
