package dev.dspm.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.dspm.scanner.manus.AssetType;

/** What {@code dspm.*} binds to, through the same binder the application uses. */
class ScanSettingsTests {

    @Test
    void withNothingSetEveryDefaultIsTheDocumentedOne() {
        ScanSettings settings = bind(Map.of());

        assertThat(settings.tenant()).isNull();
        assertThat(settings.assetTypes()).containsExactly(AssetType.values());
        assertThat(settings.ownerIds()).isEmpty();
        assertThat(settings.ownerScoped()).isFalse();
        assertThat(settings.keyword()).isNull();
        assertThat(settings.sharedAfter()).isNull();
        assertThat(settings.sharedBefore()).isNull();
        assertThat(settings.pageSize()).isEqualTo(1000);
        assertThat(settings.commitInterval()).isEqualTo(5000);
        assertThat(settings.threads()).isEqualTo(4);
        assertThat(settings.progressInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.resumeWithin()).isEqualTo(Duration.ofHours(12));
        assertThat(settings.pinEndTime()).isTrue();
        assertThat(settings.maxRereads()).isEqualTo(2);
        assertThat(settings.lockStaleAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.keepRuns()).isEqualTo(14);
        assertThat(settings.failedRunsMaxAge()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void givenValuesAreBoundAndTidied() {
        ScanSettings settings = bind(Map.ofEntries(
                Map.entry("dspm.tenant", "  acme-security  "),
                Map.entry("dspm.scan.asset-types", "file-share, FILE_SHARE ,website_publish"),
                Map.entry("dspm.scan.owner-ids", " u-1, ,u-2,u-1"),
                Map.entry("dspm.scan.keyword", " q4 "),
                Map.entry("dspm.scan.shared-after", "2026-01-31T02:00:00+02:00"),
                Map.entry("dspm.scan.shared-before", "2026-02-01T00:00:00Z"),
                Map.entry("dspm.scan.page-size", "250"),
                Map.entry("dspm.scan.pin-end-time", "false"),
                Map.entry("dspm.scan.max-rereads", "0"),
                Map.entry("dspm.lock.stale-after", "30s"),
                Map.entry("dspm.retention.keep-runs", "3"),
                Map.entry("dspm.retention.failed-runs-max-age", "P2D")));

        assertThat(settings.tenant()).isEqualTo("acme-security");
        assertThat(settings.assetTypes()).containsExactly(AssetType.FILE_SHARE, AssetType.WEBSITE_PUBLISH);
        assertThat(settings.ownerIds()).containsExactly("u-1", "u-2");
        assertThat(settings.ownerScoped()).isTrue();
        assertThat(settings.keyword()).isEqualTo("q4");
        assertThat(settings.sharedAfter()).isEqualTo(Instant.parse("2026-01-31T00:00:00Z"));
        assertThat(settings.sharedBefore()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(settings.pageSize()).isEqualTo(250);
        assertThat(settings.pinEndTime()).isFalse();
        assertThat(settings.maxRereads()).isZero();
        assertThat(settings.lockStaleAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.keepRuns()).isEqualTo(3);
        assertThat(settings.failedRunsMaxAge()).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void ownerEmailsAreTidiedAndNeverScanTheWholeTenantUnresolved() {
        ScanSettings emails = bind(Map.of("dspm.scan.owner-emails", " Ann@Acme.example ,ann@acme.example,, bo@acme.example"));
        assertThat(emails.ownerEmails()).containsExactly("ann@acme.example", "bo@acme.example");
        assertThatThrownBy(() -> ScanPartition.plan(emails)).isInstanceOf(IllegalStateException.class)
                .hasMessage("dspm.scan.owner-emails were not resolved to owner ids");

        ScanSettings resolved = bind(Map.of("dspm.scan.owner-emails", "ann@acme.example", "dspm.scan.owner-ids", "u-1"));
        assertThat(ScanPartition.plan(resolved)).allMatch(partition -> "u-1".equals(partition.ownerId())).hasSize(5);
    }

    @Test
    void aBlankTenantIsUnsetAndTwoHundredCharactersAreAllowed() {
        assertThat(bind(Map.of("dspm.tenant", " ")).tenant()).isNull();
        assertThat(bind(Map.of("dspm.tenant", "t".repeat(200))).tenant()).hasSize(200);
        assertThat(bind(Map.of("dspm.tenant", "Équipe sécurité · 東京")).tenant()).isEqualTo("Équipe sécurité · 東京");
    }

    @Test
    void theBoundsOfTheNewSettingsAreInclusive() {
        assertThat(bind(Map.of("dspm.scan.max-rereads", "10")).maxRereads()).isEqualTo(10);
        assertThat(bind(Map.of("dspm.retention.failed-runs-max-age", "PT1S")).failedRunsMaxAge())
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(bind(Map.of("dspm.scan.asset-types", "")).assetTypes()).containsExactly(AssetType.values());
    }

    private static ScanSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("dspm",
                Bindable.of(ScanSettings.class));
    }
}
