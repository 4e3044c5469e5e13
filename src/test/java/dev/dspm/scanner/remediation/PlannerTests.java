package dev.dspm.scanner.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dspm.scanner.manus.ShareScope;

/** One share's findings to its one action: the tightest recommendation that may be acted on, or why none. */
class PlannerTests {

    static final Instant SNAPSHOT = Instant.parse("2026-11-26T02:00:00Z");
    static final Instant OLD = SNAPSHOT.minus(Duration.ofDays(3));
    static final RemediationSettings SETTINGS = RemediationSettingsTests.settings(RemediationSettings.Mode.APPLY,
            Duration.ofDays(1), 50, Duration.ofHours(2), null, null);

    @Test
    void theTightestRecommendationAmongTheFindingsThatMayBeActedOn() {
        Action action = decide(finding("public-file-share", "PUBLIC", "NEW", OLD, ShareScope.TEAM_ONLY, true),
                finding("sensitive-name-exposed", "PUBLIC", "OPEN", OLD, ShareScope.OWNER, true));

        assertThat(action.status()).isEqualTo(ActionStatus.PLANNED);
        assertThat(action.policyId()).isEqualTo("sensitive-name-exposed");
        assertThat(action.fromScope()).isEqualTo("PUBLIC");
        assertThat(action.toScope()).isEqualTo("OWNER");
        assertThat(action.note()).isEqualTo("dspm-scanner run 9: policy sensitive-name-exposed (title of sensitive-name-exposed)"
                + " PUBLIC -> OWNER");
    }

    @Test
    void aWaivedFindingIsNotActedOnButAnotherOfTheSameShareIs() {
        Action action = decide(finding("sensitive-name-exposed", "PUBLIC", "EXCEPTED", OLD, ShareScope.OWNER, true),
                finding("public-file-share", "PUBLIC", "OPEN", OLD, ShareScope.TEAM_ONLY, true));

        assertThat(action.status()).isEqualTo(ActionStatus.PLANNED);
        assertThat(action.toScope()).isEqualTo("TEAM_ONLY");
    }

    @Test
    void eachReasonToLeaveAShareAlone() {
        assertThat(decide(finding("p", "PUBLIC", "EXCEPTED", OLD, ShareScope.TEAM_ONLY, true)).reason()).isEqualTo(SkipReason.WAIVED);
        assertThat(decide(finding("p", "PUBLIC", "NEW", SNAPSHOT.minus(Duration.ofHours(23)), ShareScope.TEAM_ONLY, true)).reason())
                .isEqualTo(SkipReason.GRACE_PERIOD);
        assertThat(decide(finding("p", "PUBLIC", "NEW", SNAPSHOT.minus(Duration.ofDays(1)), ShareScope.TEAM_ONLY, true)).status())
                .as("first seen exactly the grace period ago").isEqualTo(ActionStatus.PLANNED);
        assertThat(decide(finding("public-website-publish", "PUBLIC", "OPEN", OLD, ShareScope.TEAM_ONLY, false)).reason())
                .isEqualTo(SkipReason.NOT_AUTO_REMEDIATED);
        assertThat(decide(finding("p", "TEAM_ONLY", "OPEN", OLD, ShareScope.TEAM_ONLY, true)).reason()).isEqualTo(SkipReason.ALREADY_TIGHT);
        assertThat(decide(finding("p", "OWNER", "OPEN", OLD, ShareScope.TEAM_ONLY, true)).reason()).isEqualTo(SkipReason.ALREADY_TIGHT);
        assertThat(decide(finding("p", "UNKNOWN", "OPEN", OLD, ShareScope.TEAM_ONLY, true)).reason()).isEqualTo(SkipReason.UNKNOWN_SCOPE);
        assertThat(decide(finding("p", null, "OPEN", OLD, ShareScope.TEAM_ONLY, true)).reason()).isEqualTo(SkipReason.UNKNOWN_SCOPE);
        assertThat(Planner.decide(List.of(new Planner.Candidate("shr_1", "FILE_SHARE", "Q3 board deck", "usr_1", "PUBLIC", false, "OPEN", OLD,
                "p", "t", ShareScope.TEAM_ONLY, true)), 9, SNAPSHOT, SETTINGS).reason()).isEqualTo(SkipReason.STALE_SHARE);
    }

    @Test
    void aWaiverOutranksTheGracePeriodAsTheReasonGiven() {
        assertThat(decide(finding("a", "PUBLIC", "EXCEPTED", OLD, ShareScope.OWNER, true),
                finding("b", "PUBLIC", "NEW", SNAPSHOT, ShareScope.TEAM_ONLY, true),
                finding("c", "PUBLIC", "NEW", OLD, ShareScope.TEAM_ONLY, false)).reason()).isEqualTo(SkipReason.WAIVED);
        assertThat(decide(finding("b", "PUBLIC", "NEW", SNAPSHOT, ShareScope.TEAM_ONLY, true),
                finding("c", "PUBLIC", "NEW", OLD, ShareScope.TEAM_ONLY, false)).reason()).isEqualTo(SkipReason.GRACE_PERIOD);
    }

    @Test
    void aSkippedShareRecordsTheTightestRecommendationAndATieGoesToTheFirstPolicy() {
        Action waived = decide(finding("a-team", "PUBLIC", "EXCEPTED", OLD, ShareScope.TEAM_ONLY, true),
                finding("b-owner", "PUBLIC", "EXCEPTED", OLD, ShareScope.OWNER, true),
                finding("c-team", "PUBLIC", "EXCEPTED", OLD, ShareScope.TEAM_ONLY, true));
        assertThat(waived.reason()).isEqualTo(SkipReason.WAIVED);
        assertThat(waived.toScope()).isEqualTo("OWNER");
        assertThat(waived.policyId()).isEqualTo("b-owner");

        Action tie = decide(finding("a-first", "PUBLIC", "OPEN", OLD, ShareScope.TEAM_ONLY, true),
                finding("b-second", "PUBLIC", "OPEN", OLD, ShareScope.TEAM_ONLY, true));
        assertThat(tie.policyId()).as("findings come in policy order; the first of equals stands").isEqualTo("a-first");
        Action skippedTie = decide(finding("a-first", "PUBLIC", "EXCEPTED", OLD, ShareScope.TEAM_ONLY, true),
                finding("b-second", "PUBLIC", "EXCEPTED", OLD, ShareScope.TEAM_ONLY, true));
        assertThat(skippedTie.policyId()).isEqualTo("a-first");
    }

    private static Action decide(Planner.Candidate... findings) {
        return Planner.decide(List.of(findings), 9, SNAPSHOT, SETTINGS);
    }

    private static Planner.Candidate finding(String policy, String permission, String status, Instant firstSeen,
            ShareScope recommended, boolean auto) {
        return new Planner.Candidate("shr_1", "FILE_SHARE", "Q3 board deck", "usr_1", permission, true, status, firstSeen,
                policy, "title of " + policy, recommended, auto);
    }
}
