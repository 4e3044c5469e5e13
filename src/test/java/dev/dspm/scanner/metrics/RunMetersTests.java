package dev.dspm.scanner.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

import dev.dspm.scanner.findings.FindingCounts;
import dev.dspm.scanner.findings.FindingStatus;
import dev.dspm.scanner.manus.ApiTally;
import dev.dspm.scanner.policy.Severity;
import dev.dspm.scanner.remediation.ActionStatus;
import dev.dspm.scanner.run.RunCounts;
import dev.dspm.scanner.run.RunEnded;
import dev.dspm.scanner.run.RunOutcome;
import dev.dspm.scanner.snapshot.TypeTotal;

/** Which series an ended run carries, and their values: a run that did not get as far as a thing says nothing about it. */
class RunMetersTests {

    private static final LocalDateTime STARTED = LocalDateTime.of(2026, 11, 26, 2, 0, 0);
    private static final Instant NOW = STARTED.plusMinutes(10).atZone(ZoneId.systemDefault()).toInstant();

    @Test
    void aCompletedRunCarriesEverything() {
        PrometheusText text = meters(RunOutcome.COMPLETED, execution(), counts(true));

        assertThat(text.value("dspm_run_outcome", "outcome", "completed")).isEqualTo(1);
        assertThat(text.named("dspm_run_outcome")).hasSize(RunOutcome.values().length);
        assertThat(text.sum("dspm_run_outcome")).isEqualTo(1);
        assertThat(text.value("dspm_last_success_timestamp_seconds")).isEqualTo(NOW.getEpochSecond());
        assertThat(text.value("dspm_run_id")).isEqualTo(42);
        assertThat(text.value("dspm_run_start_timestamp_seconds")).isEqualTo(NOW.getEpochSecond() - 600);
        assertThat(text.value("dspm_run_duration_seconds")).isEqualTo(600);
        assertThat(text.value("dspm_step_duration_seconds", "step", "scan")).isEqualTo(90);
        assertThat(text.named("dspm_step_duration_seconds")).as("not the partitions, not a step still running")
                .extracting(s -> s.labels().get("step")).containsExactly("scan");
        assertThat(text.value("dspm_shares_stored", "asset_type", "FILE_SHARE")).isEqualTo(900);
        assertThat(text.value("dspm_shares_expected", "asset_type", "FILE_SHARE")).isEqualTo(901);
        assertThat(text.value("dspm_asset_type_complete", "asset_type", "FILE_SHARE")).isZero();
        assertThat(text.value("dspm_asset_type_complete", "asset_type", "PROJECT_SHARE")).isEqualTo(1);
        assertThat(text.where("asset_type", "PROJECT_SHARE").named("dspm_shares_expected")).as("total unknown").isEmpty();
        assertThat(text.value("dspm_run_complete")).isZero();
        assertThat(text.value("dspm_run_filtered")).isEqualTo(1);
        assertThat(text.value("dspm_findings", "severity", "HIGH", "status", "NEW")).isEqualTo(7);
        assertThat(text.named("dspm_findings")).hasSize(Severity.values().length * FindingStatus.values().length);
        assertThat(text.value("dspm_remediation_actions", "status", "SKIPPED")).isEqualTo(3);
        assertThat(text.named("dspm_remediation_actions")).hasSize(ActionStatus.values().length);
    }

    @ParameterizedTest
    @EnumSource(value = RunOutcome.class, names = { "COMPLETED", "FINDINGS_AT_FAIL_ON" })
    void aCompletedScanIsASuccessWhateverItFound(RunOutcome outcome) {
        assertThat(meters(outcome, execution(), counts(true)).named("dspm_last_success_timestamp_seconds")).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(value = RunOutcome.class, names = { "COMPLETED", "FINDINGS_AT_FAIL_ON" }, mode = EnumSource.Mode.EXCLUDE)
    void anyOtherEndingLeavesTheLastSuccessToTheRunThatHadIt(RunOutcome outcome) {
        PrometheusText text = meters(outcome, execution(), counts(false));

        assertThat(text.named("dspm_last_success_timestamp_seconds")).isEmpty();
        assertThat(text.value("dspm_run_outcome", "outcome", outcome.name().toLowerCase())).isEqualTo(1);
        assertThat(text.sum("dspm_run_outcome")).isEqualTo(1);
    }

    @Test
    void aRunThatWasNotJudgedCarriesNoFindingsAndNoRemediation() {
        PrometheusText text = meters(RunOutcome.FAILED, execution(), counts(false));

        assertThat(text.named("dspm_findings")).isEmpty();
        assertThat(text.named("dspm_remediation_actions")).isEmpty();
        assertThat(text.named("dspm_run_complete")).isEmpty();
        assertThat(text.value("dspm_shares_stored", "asset_type", "FILE_SHARE")).isEqualTo(900);
    }

    @Test
    void aRunThatNeverStartedCarriesItsOutcomeAlone() {
        PrometheusText text = meters(RunOutcome.LOCKED, null, null);

        assertThat(text.samples()).extracting(PrometheusText.Sample::name).containsOnly("dspm_run_outcome");
        assertThat(text.value("dspm_run_outcome", "outcome", "locked")).isEqualTo(1);
    }

    private static PrometheusText meters(RunOutcome outcome, JobExecution execution, RunCounts counts) {
        RunEnded run = new RunEnded("acme", RunEnded.Command.SCAN, Optional.ofNullable(execution).map(e -> 42L), outcome,
                Optional.ofNullable(execution), counts == null ? RunCounts.NONE : counts, Optional.empty());
        return PrometheusText.parse(RunMeters.of(run, new ApiTally(), Map.of(), NOW).scrape());
    }

    private static JobExecution execution() {
        JobExecution execution = new JobExecution(7L, new JobInstance(42L, "shareScan"), new JobParameters());
        execution.setStartTime(STARTED);
        StepExecution scan = new StepExecution(1L, "scan", execution);
        scan.setStartTime(STARTED);
        scan.setEndTime(STARTED.plusSeconds(90));
        StepExecution partition = new StepExecution(2L, "scan:FILE_SHARE", execution);
        partition.setStartTime(STARTED);
        partition.setEndTime(STARTED.plusSeconds(80));
        StepExecution running = new StepExecution(3L, "seal", execution);
        running.setStartTime(STARTED.plusSeconds(90));
        execution.addStepExecutions(List.of(scan, partition, running));
        return execution;
    }

    private static RunCounts counts(boolean judged) {
        List<TypeTotal> types = List.of(new TypeTotal("FILE_SHARE", 900, 901L, false), new TypeTotal("PROJECT_SHARE", 5, null, true));
        if (!judged) {
            return new RunCounts(types, Optional.empty(), Optional.of(false), Optional.empty(), Optional.empty(), Optional.empty());
        }
        Map<Severity, Map<FindingStatus, Long>> findings = new java.util.EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            Map<FindingStatus, Long> byStatus = new java.util.EnumMap<>(FindingStatus.class);
            for (FindingStatus status : FindingStatus.values()) {
                byStatus.put(status, severity == Severity.HIGH && status == FindingStatus.NEW ? 7L : 0L);
            }
            findings.put(severity, byStatus);
        }
        Map<ActionStatus, Long> actions = new java.util.EnumMap<>(ActionStatus.class);
        for (ActionStatus status : ActionStatus.values()) {
            actions.put(status, status == ActionStatus.SKIPPED ? 3L : 0L);
        }
        return new RunCounts(types, Optional.of(false), Optional.of(true), Optional.of(new FindingCounts(findings)), Optional.of(actions),
                Optional.empty());
    }
}
