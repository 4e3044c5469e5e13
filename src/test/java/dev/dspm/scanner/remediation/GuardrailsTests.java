package dev.dspm.scanner.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dspm.scanner.snapshot.PartitionRecord;
import dev.dspm.scanner.snapshot.Runs;
import dev.dspm.scanner.snapshot.ScanScope;

/** Each guardrail at its boundary: the whole plan is held back, or not, before any call. */
class GuardrailsTests {

    static final Instant STARTED = Instant.parse("2026-11-26T02:00:00Z");

    /** Run 7, sealed complete, its snapshot taken at {@link #STARTED}. */
    static final Runs.Run RUN = run(true);

    /** Two partitions, each complete. */
    List<PartitionRecord> partitions = List.of(partition("FILE_SHARE", true), partition("SESSION_SHARE", true));

    @Test
    void aCompleteFreshPlanWithinTheCapGoesAhead() {
        assertThat(guardrails(Duration.ofHours(2)).check(RUN, partitions, 50, settings(50, Duration.ofHours(2)))).isEmpty();
    }

    @Test
    void oneIncompleteOrUnjudgedPartitionHoldsTheWholePlanBack() {
        partitions = List.of(partition("FILE_SHARE", false), partition("SESSION_SHARE", true));
        assertThat(guardrails(Duration.ZERO).check(RUN, partitions, 1, settings(50, Duration.ofHours(2)))).hasValueSatisfying(hold -> {
            assertThat(hold.why()).isEqualTo(HeldBack.INCOMPLETE_SCAN);
            assertThat(hold.detail()).contains("1 partition incomplete or failed");
        });
        partitions = List.of(partition("FILE_SHARE", null), partition("SESSION_SHARE", null));
        assertThat(guardrails(Duration.ZERO).check(RUN, partitions, 1, settings(50, Duration.ofHours(2))).map(Guardrails.Hold::why))
                .hasValue(HeldBack.INCOMPLETE_SCAN);
        partitions = List.of(partition("FILE_SHARE", true), partition("SESSION_SHARE", true));
        assertThat(guardrails(Duration.ZERO).check(run(false), partitions, 1, settings(50, Duration.ofHours(2)))
                .map(Guardrails.Hold::why)).as("the seal's verdict").hasValue(HeldBack.INCOMPLETE_SCAN);
    }

    @Test
    void aSnapshotOlderThanTheMaximumIsHeldBackAndOneJustAsOldIsNot() {
        RemediationSettings settings = settings(50, Duration.ofHours(2));
        assertThat(guardrails(Duration.ofHours(2)).check(RUN, partitions, 1, settings)).isEmpty();
        assertThat(guardrails(Duration.ofHours(2).plusSeconds(1)).check(RUN, partitions, 1, settings)).hasValueSatisfying(hold -> {
            assertThat(hold.why()).isEqualTo(HeldBack.SNAPSHOT_TOO_OLD);
            assertThat(hold.detail()).contains("taken at 2026-11-26T02:00:00Z, 120 min ago, more than "
                    + "dspm.remediation.max-snapshot-age=PT2H");
        });
    }

    @Test
    void aPlanOfMoreThanMaxActionsIsHeldBackAndOneOfExactlyThatManyIsNot() {
        assertThat(guardrails(Duration.ZERO).check(RUN, partitions, 50, settings(50, Duration.ofHours(2)))).isEmpty();
        assertThat(guardrails(Duration.ZERO).check(RUN, partitions, 51, settings(50, Duration.ofHours(2))).map(Guardrails.Hold::why))
                .hasValue(HeldBack.TOO_MANY_ACTIONS);
    }

    @Test
    void anApprovedPlanWasReviewedWholeAndIsNotCappedButARevertIs() {
        RemediationSettings approved = RemediationSettingsTests.settings(RemediationSettings.Mode.APPLY, Duration.ofDays(1), 50,
                Duration.ofHours(2), null, 3L);
        assertThat(guardrails(Duration.ZERO).check(RUN, partitions, 5_000, approved)).isEmpty();
        RemediationSettings revert = new RemediationSettings(RemediationSettings.Mode.APPLY, Duration.ofDays(1), 50,
                Duration.ofHours(2), null, null, Duration.ofDays(7), 3L, 4);
        assertThat(guardrails(Duration.ZERO).check(RUN, partitions, 51, revert)).hasValueSatisfying(hold -> {
            assertThat(hold.why()).isEqualTo(HeldBack.TOO_MANY_ACTIONS);
            assertThat(hold.detail()).endsWith("If taking all of them back is right, raise dspm.remediation.max-actions to at "
                    + "least 51.");
        });
    }

    @Test
    void theAdviceOfAHeldBackPlanNamesOnlyFlagsTheCommandDoesNotHaveYet() {
        RemediationSettings plan = RemediationSettingsTests.settings(RemediationSettings.Mode.PLAN, Duration.ofDays(1), 50,
                Duration.ofHours(2), null, null);
        assertThat(guardrails(Duration.ZERO).check(RUN, partitions, 51, plan).orElseThrow().detail()).endsWith("apply it as reviewed by "
                + "running again with --dspm.remediation.mode=apply --dspm.remediation.approved-plan=7 added (with the "
                + "management key), or raise dspm.remediation.max-actions to at least 51.");
        assertThat(guardrails(Duration.ZERO).check(RUN, partitions, 51, settings(50, Duration.ofHours(2))).orElseThrow().detail())
                .endsWith("apply it as reviewed by running again with --dspm.remediation.approved-plan=7 added (with the "
                        + "management key), or raise dspm.remediation.max-actions to at least 51.");
    }

    private Guardrails guardrails(Duration after) {
        return new Guardrails(Clock.fixed(STARTED.plus(after), ZoneOffset.UTC));
    }

    private static Runs.Run run(boolean complete) {
        return new Runs.Run(7, "acme", STARTED, STARTED.plusSeconds(60), "COMPLETED", complete, "AUDIT",
                new ScanScope(List.of("FILE_SHARE", "SESSION_SHARE"), List.of(), null, null, null), null, STARTED.plusSeconds(60),
                null);
    }

    private static PartitionRecord partition(String key, Boolean complete) {
        return new PartitionRecord(key, key, null, 1, 10, 0, 10L, 10L, false, true, 10L, complete, 1);
    }

    private static RemediationSettings settings(int maxActions, Duration maxAge) {
        return RemediationSettingsTests.settings(RemediationSettings.Mode.APPLY, Duration.ofDays(1), maxActions, maxAge, null,
                null);
    }
}
