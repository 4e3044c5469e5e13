package dev.dspm.scanner.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Each guardrail at its boundary: the whole plan is held back, or not, before any call. */
class GuardrailsTests {

    static final Instant STARTED = Instant.parse("2026-11-26T02:00:00Z");

    @TempDir
    Path dir;

    JdbcClient jdbc;

    @BeforeEach
    void database() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("guardrails"));
        dataSource.setUser("sa");
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("CREATE TABLE scan_run (run_id BIGINT, started_at TIMESTAMP WITH TIME ZONE, complete BOOLEAN)").update();
        jdbc.sql("CREATE TABLE scan_partition (run_id BIGINT, partition_key VARCHAR, complete BOOLEAN)").update();
        jdbc.sql("INSERT INTO scan_run VALUES (7, ?, TRUE)").param(Timestamp.from(STARTED)).update();
        jdbc.sql("INSERT INTO scan_partition VALUES (7, 'FILE_SHARE', TRUE), (7, 'SESSION_SHARE', TRUE)").update();
    }

    @Test
    void aCompleteFreshPlanWithinTheCapGoesAhead() {
        assertThat(guardrails(Duration.ofHours(2)).check(7, 50, settings(50, Duration.ofHours(2)))).isEmpty();
    }

    @Test
    void oneIncompleteOrUnjudgedPartitionHoldsTheWholePlanBack() {
        jdbc.sql("UPDATE scan_partition SET complete = FALSE WHERE partition_key = 'FILE_SHARE'").update();
        assertThat(guardrails(Duration.ZERO).check(7, 1, settings(50, Duration.ofHours(2)))).hasValueSatisfying(hold -> {
            assertThat(hold.why()).isEqualTo(HeldBack.INCOMPLETE_SCAN);
            assertThat(hold.detail()).contains("1 partition incomplete or failed");
        });
        jdbc.sql("UPDATE scan_partition SET complete = NULL").update();
        assertThat(guardrails(Duration.ZERO).check(7, 1, settings(50, Duration.ofHours(2))).map(Guardrails.Hold::why))
                .hasValue(HeldBack.INCOMPLETE_SCAN);
        jdbc.sql("UPDATE scan_partition SET complete = TRUE").update();
        jdbc.sql("UPDATE scan_run SET complete = FALSE").update();
        assertThat(guardrails(Duration.ZERO).check(7, 1, settings(50, Duration.ofHours(2))).map(Guardrails.Hold::why))
                .as("the seal's verdict").hasValue(HeldBack.INCOMPLETE_SCAN);
    }

    @Test
    void aSnapshotOlderThanTheMaximumIsHeldBackAndOneJustAsOldIsNot() {
        RemediationSettings settings = settings(50, Duration.ofHours(2));
        assertThat(guardrails(Duration.ofHours(2)).check(7, 1, settings)).isEmpty();
        assertThat(guardrails(Duration.ofHours(2).plusSeconds(1)).check(7, 1, settings)).hasValueSatisfying(hold -> {
            assertThat(hold.why()).isEqualTo(HeldBack.SNAPSHOT_TOO_OLD);
            assertThat(hold.detail()).contains("taken at 2026-11-26T02:00:00Z, 120 min ago, more than "
                    + "dspm.remediation.max-snapshot-age=PT2H");
        });
    }

    @Test
    void aPlanOfMoreThanMaxActionsIsHeldBackAndOneOfExactlyThatManyIsNot() {
        assertThat(guardrails(Duration.ZERO).check(7, 50, settings(50, Duration.ofHours(2)))).isEmpty();
        assertThat(guardrails(Duration.ZERO).check(7, 51, settings(50, Duration.ofHours(2))).map(Guardrails.Hold::why))
                .hasValue(HeldBack.TOO_MANY_ACTIONS);
    }

    @Test
    void anApprovedPlanWasReviewedWholeAndIsNotCappedButARevertIs() {
        RemediationSettings approved = RemediationSettingsTests.settings(RemediationSettings.Mode.APPLY, Duration.ofDays(1), 50,
                Duration.ofHours(2), null, 3L);
        assertThat(guardrails(Duration.ZERO).check(7, 5_000, approved)).isEmpty();
        RemediationSettings revert = new RemediationSettings(RemediationSettings.Mode.APPLY, Duration.ofDays(1), 50,
                Duration.ofHours(2), null, null, Duration.ofDays(7), 3L);
        assertThat(guardrails(Duration.ZERO).check(7, 51, revert)).hasValueSatisfying(hold -> {
            assertThat(hold.why()).isEqualTo(HeldBack.TOO_MANY_ACTIONS);
            assertThat(hold.detail()).endsWith("If taking all of them back is right, raise dspm.remediation.max-actions to at "
                    + "least 51.");
        });
    }

    @Test
    void theAdviceOfAHeldBackPlanNamesOnlyFlagsTheCommandDoesNotHaveYet() {
        RemediationSettings plan = RemediationSettingsTests.settings(RemediationSettings.Mode.PLAN, Duration.ofDays(1), 50,
                Duration.ofHours(2), null, null);
        assertThat(guardrails(Duration.ZERO).check(7, 51, plan).orElseThrow().detail()).endsWith("apply it as reviewed by "
                + "running again with --dspm.remediation.mode=apply --dspm.remediation.approved-plan=7 added (with the "
                + "management key), or raise dspm.remediation.max-actions to at least 51.");
        assertThat(guardrails(Duration.ZERO).check(7, 51, settings(50, Duration.ofHours(2))).orElseThrow().detail())
                .endsWith("apply it as reviewed by running again with --dspm.remediation.approved-plan=7 added (with the "
                        + "management key), or raise dspm.remediation.max-actions to at least 51.");
    }

    private Guardrails guardrails(Duration after) {
        return new Guardrails(jdbc, Clock.fixed(STARTED.plus(after), ZoneOffset.UTC));
    }

    private static RemediationSettings settings(int maxActions, Duration maxAge) {
        return RemediationSettingsTests.settings(RemediationSettings.Mode.APPLY, Duration.ofDays(1), maxActions, maxAge, null,
                null);
    }
}
