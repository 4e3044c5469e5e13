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
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.dspm.scanner.Console;
import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.Snapshot;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * Whole runs against the simulator, told to real receivers: once per run and channel when there is news, nothing when
 * there is none, nothing for a re-judge unless asked; a failed run and its resumption told once each; a channel that
 * is down changes no exit code and shows in the metrics, notifications.json and the console.
 */
class NotificationRunTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NEW_HIGH = "SELECT COUNT(*) FROM finding WHERE run_id = ? AND status = 'NEW' "
            + "AND severity IN ('HIGH', 'CRITICAL')";

    @TempDir
    Path dir;

    ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(7L, 1_500)));
    Receivers receivers = new Receivers();

    @AfterEach
    void stop() {
        simulator.close();
        receivers.close();
    }

    @Test
    void aNightWithNewsIsToldOnceOnEveryChannelAndANightWithNothingNewIsNot() throws Exception {
        String db = TestDatabases.h2(dir);

        Console.Captured first = run(db);

        assertThat(first.exit()).isZero();
        assertThat(first.out()).contains("notifications of run 1: slack sent, teams sent, webhook sent, email 1 sent");
        assertThat(counts()).containsExactly(1, 1, 1, 1);
        JsonNode hook = JSON.readTree(receivers.posts(Receivers.HOOK).get(0).getBodyAsString());
        assertThat(hook.get("type").asString()).isEqualTo("dspm.run.ended");
        assertThat(hook.get("data").get("new_findings_total").asLong()).isEqualTo(Snapshot.single(db, NEW_HIGH, 1L))
                .isPositive();
        assertThat(hook.get("data").get("new_findings")).hasSize((int) Math.min(News.LISTED, Snapshot.single(db, NEW_HIGH, 1L)));
        assertThat(WebhookTests.Verifier.verify(Receivers.SECRET, receivers.posts(Receivers.HOOK).get(0), Instant.now())).isTrue();
        assertThat(receivers.mails().get(0).getSubject()).startsWith("dspm-scanner: run 1 of ");
        JsonNode file = JSON.readTree(dir.resolve("reports/1/notifications.json").toFile());
        assertThat(file.get("notifications")).hasSize(4).allSatisfy(n -> {
            assertThat(n.get("status").asString()).isEqualTo("sent");
            assertThat(n.get("attempts").asInt()).isEqualTo(1);
        });
        assertThat(Files.readString(dir.resolve("reports/latest/notifications.json"))).isEqualTo(
                Files.readString(dir.resolve("reports/1/notifications.json")));
        assertThat(Files.readString(dir.resolve("reports/1/metrics.prom")))
                .contains("dspm_notifications_total{channel=\"slack\",outcome=\"sent\"} 1.0");

        Console.Captured second = run(db);

        assertThat(second.exit()).isZero();
        assertThat(second.out()).contains("notifications of run 2: nothing to tell (no new finding at HIGH or above, "
                + "nothing failed); none sent");
        assertThat(counts()).containsExactly(1, 1, 1, 1);

        assertThat(run(db, "--dspm.notify.always=true").exit()).isZero();
        assertThat(counts()).as("a heartbeat when asked").containsExactly(2, 2, 2, 2);
        assertThat(JSON.readTree(receivers.posts(Receivers.HOOK).get(1).getBodyAsString()).get("data")
                .get("new_findings_total").asLong()).isZero();

        assertThat(run(db, "--rejudge=3", "--dspm.notify.always=true").exit()).isZero();
        assertThat(counts()).as("a re-judge tells nobody").containsExactly(2, 2, 2, 2);
        assertThat(run(db, "--rejudge=1", "--dspm.notify.rejudge=true").exit()).isZero();
        assertThat(counts()).as("unless asked").containsExactly(3, 3, 3, 3);
        assertThat(JSON.readTree(receivers.posts(Receivers.HOOK).get(2).getBodyAsString()).get("type").asString())
                .isEqualTo("dspm.run.rejudged");
    }

    @Test
    void aChannelThatIsDownChangesNoExitCodeAndShowsInTheMetricsTheFileAndTheConsole() throws Exception {
        receivers.http.stubFor(post(urlEqualTo(Receivers.TEAMS)).willReturn(aResponse().withStatus(503)));
        String db = TestDatabases.h2(dir);

        Console.Captured run = run(db, "--dspm.fail-on=HIGH");

        assertThat(run.exit()).as("findings at fail-on, as without notifications").isEqualTo(3);
        assertThat(receivers.posts(Receivers.TEAMS)).hasSize(4);
        assertThat(counts()).containsExactly(1, 4, 1, 1);
        assertThat(run.out()).contains("notifications of run 1: slack sent, teams FAILED, webhook sent, email 1 sent")
                .containsOnlyOnce("notification of run 1 to teams failed: HTTP 503 after 4 attempts (the run's exit code "
                        + "is unchanged)");
        String metrics = Files.readString(dir.resolve("reports/1/metrics.prom"));
        assertThat(metrics).contains("dspm_notifications_total{channel=\"teams\",outcome=\"failed\"} 1.0")
                .contains("dspm_notifications_total{channel=\"slack\",outcome=\"sent\"} 1.0")
                .contains("dspm_notifications_total{channel=\"email\",outcome=\"sent\"} 1.0")
                .contains("dspm_run_outcome{outcome=\"findings_at_fail_on\"} 1.0");
        JsonNode teams = notification(dir.resolve("reports/1/notifications.json"), "teams");
        assertThat(teams.get("status").asString()).isEqualTo("failed");
        assertThat(teams.get("attempts").asInt()).isEqualTo(4);
        assertThat(teams.get("detail").asString()).isEqualTo("HTTP 503 after 4 attempts");

        receivers.http.resetRequests();
        receivers.http.stubFor(post(urlEqualTo(Receivers.TEAMS)).willReturn(aResponse().withStatus(200)));
        assertThat(run(db, "--dspm.notify.always=true").out()).doesNotContain("notifications of run 1").contains("notifications of run 2:");
        assertThat(receivers.posts(Receivers.TEAMS)).as("a failed message is not sent again by the next run").hasSize(1);
    }

    @Test
    void aFailedRunIsToldOnceAndItsResumptionOnceMore() throws Exception {
        String db = TestDatabases.h2(dir);
        simulator.faults().failAfter(2, 500, Integer.MAX_VALUE);

        Console.Captured failed = run(db, "--dspm.api.max-attempts=1");
        simulator.faults().clear();
        Console.Captured resumed = run(db);

        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.out()).contains("notifications of run 1: slack sent, teams sent, webhook sent, email 1 sent");
        assertThat(resumed.exit()).isZero();
        assertThat(resumed.out()).contains("notifications of run 1: slack sent, teams sent, webhook sent, email 1 sent");
        List<String> types = new ArrayList<>();
        for (var post : receivers.posts(Receivers.HOOK)) {
            JsonNode body = JSON.readTree(post.getBodyAsString());
            types.add(body.get("type").asString() + " " + body.get("data").get("run_id").asLong());
        }
        assertThat(types).containsExactly("dspm.run.failed 1", "dspm.run.ended 1");
        JsonNode failure = JSON.readTree(receivers.posts(Receivers.HOOK).get(0).getBodyAsString()).get("data");
        assertThat(failure.get("alerts").get(0).asString()).startsWith("run 1 failed: team.asset.list");
        assertThat(receivers.mails()).hasSize(2);
        assertThat(receivers.mails().get(0).getSubject()).startsWith("dspm-scanner: run 1 of ").endsWith(" FAILED");
        assertThat(receivers.mails().get(1).getSubject()).startsWith("dspm-scanner: run 1 of ").contains("new finding");
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM notification WHERE run_id = 1")).isEqualTo(8);
    }

    private Console.Captured run(String db, String... args) throws Exception {
        List<String> all = receivers.allChannels(Stream.concat(Stream.of("--dspm.report.dir=" + dir.resolve("reports")),
                Stream.of(args)).toArray(String[]::new));
        // no user key: owners unknown, so every new finding is in the digest, one email
        return Console.capture(() -> JobRun.against(simulator, db, all.toArray(String[]::new)));
    }

    /** Requests Slack, Teams and the webhook received, and emails, in that order. */
    private List<Integer> counts() {
        return List.of(receivers.posts(Receivers.SLACK).size(), receivers.posts(Receivers.TEAMS).size(),
                receivers.posts(Receivers.HOOK).size(), receivers.mails().size());
    }

    private static JsonNode notification(Path file, String channel) throws Exception {
        for (JsonNode n : JSON.readTree(file.toFile()).get("notifications")) {
            if (n.get("channel").asString().equals(channel)) {
                return n;
            }
        }
        throw new AssertionError("no " + channel + " in " + file);
    }
}
