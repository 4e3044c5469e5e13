package dev.dspm.scanner.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.Console;
import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.SystemTest;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * A run in a JVM of its own, killed (SIGKILL, as the OOM killer or a node's loss does) while it notifies, then the next
 * start: every channel ends with exactly one message. The channel the run was waiting on when it died got its message
 * (the receiver took the request) and is not sent it again; the channels after it are sent theirs once; the webhook,
 * killed mid-call, is sent again under the same webhook-id, which is one message to a receiver that de-duplicates as
 * the Standard Webhooks specification says.
 */
@SystemTest
class NotificationKillTests {

    @TempDir
    Path dir;

    ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(28L, 1_000)));
    Receivers receivers = new Receivers();

    @AfterEach
    void stop() {
        simulator.close();
        receivers.close();
    }

    @Test
    void killedAfterSlackWhileTeamsWasAnsweringEveryChannelHasOneMessage() throws Exception {
        String db = TestDatabases.postgres();
        receivers.http.stubFor(post(urlEqualTo(Receivers.TEAMS)).willReturn(aResponse().withStatus(200)
                .withFixedDelay(120_000)));

        killWhenReceived(db, Receivers.TEAMS);
        assertThat(receivers.posts(Receivers.SLACK)).hasSize(1);
        assertThat(receivers.posts(Receivers.HOOK)).isEmpty();
        assertThat(receivers.mails()).isEmpty();
        receivers.http.stubFor(post(urlEqualTo(Receivers.TEAMS)).willReturn(aResponse().withStatus(200)));

        Console.Captured next = next(db);

        assertThat(next.exit()).isZero();
        assertThat(next.out()).contains("notifications of run 1: teams UNKNOWN, webhook sent, email 1 sent");
        assertThat(receivers.posts(Receivers.SLACK)).hasSize(1);
        assertThat(receivers.posts(Receivers.TEAMS)).hasSize(1);
        assertThat(receivers.posts(Receivers.HOOK)).hasSize(1);
        assertThat(receivers.mails()).hasSize(1);
    }

    @Test
    void killedWhileTheWebhookWasAnsweringItIsSentAgainUnderTheSameId() throws Exception {
        String db = TestDatabases.postgres();
        receivers.http.stubFor(post(urlEqualTo(Receivers.HOOK)).willReturn(aResponse().withStatus(200)
                .withFixedDelay(120_000)));

        killWhenReceived(db, Receivers.HOOK);
        receivers.http.stubFor(post(urlEqualTo(Receivers.HOOK)).willReturn(aResponse().withStatus(200)));

        Console.Captured next = next(db);

        assertThat(next.out()).contains("notifications of run 1: webhook sent, email 1 sent");
        assertThat(receivers.posts(Receivers.SLACK)).hasSize(1);
        assertThat(receivers.posts(Receivers.TEAMS)).hasSize(1);
        assertThat(receivers.posts(Receivers.HOOK)).hasSize(2).extracting(request -> request.getHeader("webhook-id"))
                .as("one message, delivered twice, as the receiver de-duplicates it").containsOnly(
                        receivers.posts(Receivers.HOOK).get(0).getHeader("webhook-id"));
        assertThat(receivers.mails()).hasSize(1);
    }

    /** Starts the run in a JVM of its own and kills it once {@code path} has received its request. */
    private void killWhenReceived(String db, String path) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.dspm.scanner.DspmScannerApplication"));
        command.addAll(JobRun.arguments(simulator, db, args("--dspm.notify.timeout=PT3M", "--dspm.notify.max-attempts=1")));
        Path log = dir.resolve("child.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("MANUS_ASSET_AUDIT_KEY", ManusSimulator.AUDIT_KEY);
        Process child = builder.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (receivers.posts(path).isEmpty()) {
                assertThat(child.isAlive()).as("the child is still running: " + Files.readString(log)).isTrue();
                assertThat(System.nanoTime()).as("in time").isLessThan(deadline);
                Thread.sleep(10);
            }
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    private Console.Captured next(String db) throws Exception {
        return Console.capture(() -> JobRun.against(simulator, db, args()));
    }

    private String[] args(String... more) {
        return receivers.allChannels(Stream.concat(Stream.of("--dspm.report.dir=" + dir.resolve("reports")),
                Stream.of(more)).toArray(String[]::new)).toArray(String[]::new);
    }
}
