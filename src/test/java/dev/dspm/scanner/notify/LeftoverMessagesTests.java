package dev.dspm.scanner.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.Console;
import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.Snapshot;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.run.LockHolder;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * What an earlier process left in the ledger, as a process killed mid-notification leaves it, and what the next run
 * makes of it: a message never sent is sent once; one its dead sender was sending is sent again only to the webhook,
 * under the same webhook-id its receivers de-duplicate by, and settled UNKNOWN elsewhere; one a live process is sending
 * is left to it; one sent is never sent again; one planned longer ago than dspm.scan.resume-within is dropped.
 */
class LeftoverMessagesTests {

    @TempDir
    Path dir;

    ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(9L, 800)));
    Receivers receivers = new Receivers();

    @AfterEach
    void stop() {
        simulator.close();
        receivers.close();
    }

    @Test
    void theNextRunSendsWhatWasNotSentAndNeverRepeatsWhatWas() throws Exception {
        String db = TestDatabases.h2(dir);
        assertThat(run(db).exit()).isZero();
        String webhookId = receivers.posts(Receivers.HOOK).get(0).getHeader("webhook-id");
        receivers.http.resetRequests();
        receivers.smtp.purgeEmailFromAllMailboxes();
        String dead = deadHolder();
        // as a process killed after Slack's message was planned, and while Teams' and the webhook's were in flight
        set(db, "SLACK", "PENDING", null, Instant.now());
        set(db, "TEAMS", "IN_FLIGHT", dead, Instant.now());
        set(db, "WEBHOOK", "IN_FLIGHT", dead, Instant.now());

        Console.Captured next = run(db);

        assertThat(next.out()).contains("notifications of run 1: slack sent, teams UNKNOWN, webhook sent")
                .contains("notifications of run 2: nothing to tell");
        assertThat(receivers.posts(Receivers.SLACK)).hasSize(1);
        assertThat(receivers.posts(Receivers.TEAMS)).as("perhaps received: not sent twice").isEmpty();
        assertThat(receivers.posts(Receivers.HOOK)).hasSize(1);
        assertThat(receivers.posts(Receivers.HOOK).get(0).getHeader("webhook-id")).isEqualTo(webhookId);
        assertThat(receivers.mails()).as("sent before: never again").isEmpty();
        assertThat(Snapshot.text(db, "SELECT detail FROM notification WHERE channel = 'TEAMS'")).startsWith(
                "its sender stopped mid-send (its process ").endsWith("is no longer running on this host); not sent again, "
                + "as teams cannot tell a second copy from the first");
        assertThat(Snapshot.text(db, "SELECT status || ' ' || attempts FROM notification WHERE channel = 'SLACK'"))
                .isEqualTo("SENT 2");
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM notification WHERE status IN ('PENDING', 'IN_FLIGHT')")).isZero();
        assertThat(Files.readString(dir.resolve("reports/1/notifications.json"))).contains("\"status\" : \"unknown\"");

        assertThat(run(db).out()).doesNotContain("notifications of run 1");
        assertThat(receivers.posts(Receivers.SLACK)).hasSize(1);
    }

    @Test
    void aMessageALiveProcessIsSendingIsLeftToItAndAStaleOneIsNotSentAnyMore() throws Exception {
        String db = TestDatabases.h2(dir);
        assertThat(run(db).exit()).isZero();
        receivers.http.resetRequests();
        set(db, "SLACK", "IN_FLIGHT", LockHolder.SELF.toString(), Instant.now());
        set(db, "TEAMS", "PENDING", null, Instant.now().minus(Duration.ofHours(13)));
        set(db, "WEBHOOK", "IN_FLIGHT", "1@some-other-host/x", Instant.now().minus(Duration.ofMinutes(5)));

        Console.Captured next = run(db);

        assertThat(next.out()).contains("notifications of run 1: teams FAILED");
        assertThat(receivers.posts(Receivers.SLACK)).as("its sender is alive").isEmpty();
        assertThat(receivers.posts(Receivers.TEAMS)).as("too old to tell").isEmpty();
        assertThat(receivers.posts(Receivers.HOOK)).as("another host's, not silent for long").isEmpty();
        assertThat(Snapshot.text(db, "SELECT detail FROM notification WHERE channel = 'TEAMS'"))
                .isEqualTo("not sent: planned longer ago than dspm.scan.resume-within (PT12H)");
        assertThat(Snapshot.text(db, "SELECT status FROM notification WHERE channel = 'WEBHOOK'")).isEqualTo("IN_FLIGHT");

        set(db, "WEBHOOK", "IN_FLIGHT", "1@some-other-host/x", Instant.now().minus(Duration.ofMinutes(31)));
        assertThat(run(db).out()).contains("notifications of run 1: webhook sent");
        assertThat(receivers.posts(Receivers.HOOK)).as("silent for longer than any send takes").hasSize(1);
    }

    private Console.Captured run(String db) throws Exception {
        List<String> all = receivers.allChannels(Stream.of("--dspm.report.dir=" + dir.resolve("reports"))
                .toArray(String[]::new));
        return Console.capture(() -> JobRun.against(simulator, db, all.toArray(String[]::new)));
    }

    private static void set(String db, String channel, String status, String holder, Instant updated) throws Exception {
        try (Connection connection = TestDatabases.connect(db); PreparedStatement update = connection.prepareStatement(
                "UPDATE notification SET status = ?, claimed_by = ?, created_at = ?, updated_at = ? WHERE run_id = 1 "
                        + "AND channel = ?")) {
            update.setString(1, status);
            update.setString(2, holder);
            update.setTimestamp(3, Timestamp.from(updated));
            update.setTimestamp(4, Timestamp.from(updated));
            update.setString(5, channel);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    /** A holder on this host whose process has ended. */
    private static String deadHolder() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        return new LockHolder(gone.pid(), LockHolder.SELF.host(), "earlier").toString();
    }
}
