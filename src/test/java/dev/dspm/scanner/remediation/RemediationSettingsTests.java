package dev.dspm.scanner.remediation;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.dspm.scanner.config.ConfigurationException;

class RemediationSettingsTests {

    @Test
    void eachBadValueNamesItsSetting() {
        assertThatThrownBy(() -> settings(RemediationSettings.Mode.PLAN, Duration.ofSeconds(-1), 50, Duration.ofHours(2), null, null))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("dspm.remediation.grace-period must not be negative");
        assertThatThrownBy(() -> settings(RemediationSettings.Mode.PLAN, Duration.ZERO, 0, Duration.ofHours(2), null, null))
                .hasMessageContaining("dspm.remediation.max-actions must be at least 1");
        assertThatThrownBy(() -> settings(RemediationSettings.Mode.PLAN, Duration.ZERO, 1, Duration.ZERO, null, null))
                .hasMessageContaining("dspm.remediation.max-snapshot-age must be positive");
        assertThatThrownBy(() -> settings(RemediationSettings.Mode.PLAN, Duration.ZERO, 1, Duration.ofHours(1), "ops\nfake", null))
                .hasMessageContaining("dspm.remediation.note-prefix must be at most 200 characters without control characters");
        assertThatThrownBy(() -> settings(RemediationSettings.Mode.PLAN, Duration.ZERO, 1, Duration.ofHours(1), "x".repeat(201), null))
                .hasMessageContaining("dspm.remediation.note-prefix");
        assertThatThrownBy(() -> settings(RemediationSettings.Mode.PLAN, Duration.ZERO, 1, Duration.ofHours(1), null, 42L))
                .hasMessage("dspm.remediation.approved-plan=42 applies a reviewed plan: set dspm.remediation.mode=apply too");
        settings(RemediationSettings.Mode.APPLY, Duration.ZERO, 1, Duration.ofNanos(1), "x".repeat(200), 42L);
    }

    @Test
    void anApprovedPlanNeedsAPositiveMaximumAgeAndARevertNeedsApply() {
        assertThatThrownBy(() -> new RemediationSettings(RemediationSettings.Mode.APPLY, Duration.ZERO, 1, Duration.ofHours(1),
                null, 42L, Duration.ZERO, null, 4)).hasMessage("dspm.remediation.approved-plan-max-age must be positive, got PT0S");
        assertThatThrownBy(() -> new RemediationSettings(RemediationSettings.Mode.PLAN, Duration.ZERO, 1, Duration.ofHours(1),
                null, null, Duration.ofDays(7), 42L, 4))
                .hasMessage("dspm.remediation.revert=42 changes shares back: set dspm.remediation.mode=apply too");
        RemediationSettings revert = new RemediationSettings(RemediationSettings.Mode.APPLY, Duration.ZERO, 1,
                Duration.ofHours(1), null, null, Duration.ofDays(7), 42L, 4);
        org.assertj.core.api.Assertions.assertThat(revert.source()).isEqualTo(RemediationSettings.Source.REVERT);
    }

    static RemediationSettings settings(RemediationSettings.Mode mode, Duration grace, int max, Duration age,
            String prefix, Long plan) {
        return new RemediationSettings(mode, grace, max, age, prefix, plan, Duration.ofDays(7), null, 4);
    }
}
