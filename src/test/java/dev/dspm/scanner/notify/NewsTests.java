package dev.dspm.scanner.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.dspm.scanner.policy.Severity;
import dev.dspm.scanner.remediation.RemediationSettings.Mode;
import dev.dspm.scanner.run.RunEnded;
import dev.dspm.scanner.run.RunOutcome;

/** When a run is worth a message, and what its headline and alerts say. */
class NewsTests {

    @Test
    void aQuietNightIsNotWorthAMessageUnlessAHeartbeatIsAsked() {
        News quiet = news(RunOutcome.COMPLETED, News.ENDED, true, 0, News.Remediation.NONE);

        assertThat(quiet.worthSending(false)).isFalse();
        assertThat(quiet.worthSending(true)).isTrue();
        assertThat(quiet.alerts()).isEmpty();
        assertThat(quiet.headline()).isEqualTo("run 42 of acme: 0 new findings at HIGH or above");
    }

    @Test
    void eachThingThatGoesWrongIsWorthAMessageAndSaysSo() {
        assertThat(news(RunOutcome.COMPLETED, News.ENDED, true, 3, News.Remediation.NONE).worthSending(false)).isTrue();
        News failed = news(RunOutcome.FAILED, News.FAILED, null, 0, News.Remediation.NONE);
        assertThat(failed.worthSending(false)).isTrue();
        assertThat(failed.headline()).isEqualTo("run 42 of acme FAILED");
        assertThat(failed.alerts()).containsExactly("run 42 failed: the API answered 503 (the next start within "
                + "dspm.scan.resume-within resumes it)");
        News stopped = news(RunOutcome.STOPPED, News.FAILED, null, 0, News.Remediation.NONE);
        assertThat(stopped.headline()).isEqualTo("run 42 of acme STOPPED");
        News incomplete = news(RunOutcome.COMPLETED, News.ENDED, false, 0, News.Remediation.NONE);
        assertThat(incomplete.worthSending(false)).isTrue();
        assertThat(incomplete.alerts()).containsExactly("The snapshot is INCOMPLETE: FILE_SHARE could not be stored whole, "
                + "so their findings stay open and nothing was resolved or remediated there.");
        News heldBack = news(RunOutcome.COMPLETED, News.ENDED, true, 0,
                new News.Remediation(Mode.APPLY, "TOO_MANY_ACTIONS", "the plan has 51 actions", 0, 0));
        assertThat(heldBack.worthSending(false)).isTrue();
        assertThat(heldBack.alerts()).containsExactly("Remediation was held back (TOO_MANY_ACTIONS): the plan has 51 actions");
        News planHeldBack = news(RunOutcome.COMPLETED, News.ENDED, true, 0,
                new News.Remediation(Mode.PLAN, "TOO_MANY_ACTIONS", "the plan has 51 actions", 0, 0));
        assertThat(planHeldBack.worthSending(false)).as("a plan nobody applies holds nothing back").isFalse();
        News actionFailed = news(RunOutcome.FAILED, News.ENDED, true, 0, new News.Remediation(Mode.APPLY, null, null, 4, 1));
        assertThat(actionFailed.worthSending(false)).isTrue();
        assertThat(actionFailed.failed()).as("the job completed").isFalse();
        assertThat(actionFailed.alerts()).containsExactly("1 remediation action FAILED; the report lists each with its error.");
    }

    @Test
    void theHeadlineCountsNewFindingsAtOrAboveTheThresholdWorstFirst() {
        Map<Severity, Long> fresh = new EnumMap<>(Map.of(Severity.LOW, 9L, Severity.MEDIUM, 5L, Severity.HIGH, 10L,
                Severity.CRITICAL, 2L));
        News news = new News("acme", 42, RunEnded.Command.SCAN, RunOutcome.COMPLETED, News.ENDED, Optional.empty(), true,
                List.of(), fresh, 4, 1L, News.Remediation.NONE, Severity.HIGH, 12, List.of(), new MailRoutes(false, false),
                null, null);

        assertThat(news.headline()).isEqualTo("run 42 of acme: 12 new findings at HIGH or above (2 CRITICAL, 10 HIGH)");
        assertThat(news.counts()).isEqualTo("new: 2 CRITICAL, 10 HIGH, 5 MEDIUM, 9 LOW; resolved: 4; widened: 1");
        assertThat(news.where()).isEqualTo("no report (the run wrote none)");
    }

    private static News news(RunOutcome outcome, String event, Boolean complete, long fresh, News.Remediation remediation) {
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            counts.put(severity, severity == Severity.HIGH ? fresh : 0L);
        }
        return new News("acme", 42, RunEnded.Command.SCAN, outcome, event,
                event.equals(News.FAILED) ? Optional.of("run 42 failed: the API answered 503") : Optional.empty(), complete,
                Boolean.FALSE.equals(complete) ? List.of("FILE_SHARE") : List.of(), counts, 0, null, remediation,
                Severity.HIGH, fresh, List.of(), new MailRoutes(false, false), null, null);
    }
}
