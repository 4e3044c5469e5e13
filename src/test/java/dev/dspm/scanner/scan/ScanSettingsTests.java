package dev.dspm.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.dspm.scanner.manus.AssetType;
import dev.dspm.scanner.run.LockSettings;
import dev.dspm.scanner.run.RunSettings;
import dev.dspm.scanner.snapshot.RetentionSettings;

/** What {@code dspm.scan.*}, {@code dspm.tenant}, {@code dspm.lock.*} and {@code dspm.retention.*} bind to, through the binder the application uses. */
class ScanSettingsTests {

    @Test
    void withNothingSetEveryDefaultIsTheDocumentedOne() {
        ScanSettings settings = bind(Map.of());

        assertThat(run(Map.of()).tenant()).isNull();
        assertThat(settings.assetTypes()).containsExactly(AssetType.values());
        assertThat(settings.ownerIds()).isEmpty();
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
        assertThat(lock(Map.of()).staleAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(retention(Map.of()).keepRuns()).isEqualTo(14);
        assertThat(retention(Map.of()).failedRunsMaxAge()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void givenValuesAreBoundAndTidied() {
        Map<String, String> given = Map.ofEntries(
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
                Map.entry("dspm.retention.failed-runs-max-age", "P2D"));
        ScanSettings settings = bind(given);

        assertThat(run(given).tenant()).isEqualTo("acme-security");
        assertThat(settings.assetTypes()).containsExactly(AssetType.FILE_SHARE, AssetType.WEBSITE_PUBLISH);
        assertThat(settings.ownerIds()).containsExactly("u-1", "u-2");
        assertThat(settings.keyword()).isEqualTo("q4");
        assertThat(settings.sharedAfter()).isEqualTo(Instant.parse("2026-01-31T00:00:00Z"));
        assertThat(settings.sharedBefore()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(settings.pageSize()).isEqualTo(250);
        assertThat(settings.pinEndTime()).isFalse();
        assertThat(settings.maxRereads()).isZero();
        assertThat(lock(given).staleAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(retention(given).keepRuns()).isEqualTo(3);
        assertThat(retention(given).failedRunsMaxAge()).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void ownerEmailsAreTidiedAndTheirOwnersEachHaveEveryType() {
        ScanSettings emails = bind(Map.of("dspm.scan.owner-emails", " Ann@Acme.example ,ann@acme.example,, bo@acme.example"));
        assertThat(emails.ownerEmails()).containsExactly("ann@acme.example", "bo@acme.example");

        assertThat(ScanPartition.plan(emails.assetTypes(), List.of("u-1"))).allMatch(partition -> "u-1".equals(partition.ownerId()))
                .hasSize(5);
        assertThat(ScanPartition.plan(emails.assetTypes(), List.of())).allMatch(partition -> partition.ownerId() == null)
                .hasSize(5);
    }

    @Test
    void aBlankTenantIsUnsetAndTwoHundredCharactersAreAllowed() {
        assertThat(run(Map.of("dspm.tenant", " ")).tenant()).isNull();
        assertThat(run(Map.of("dspm.tenant", "t".repeat(200))).tenant()).hasSize(200);
        assertThat(run(Map.of("dspm.tenant", "Équipe sécurité · 東京")).tenant()).isEqualTo("Équipe sécurité · 東京");
    }

    @Test
    void theBoundsOfTheNewSettingsAreInclusive() {
        assertThat(bind(Map.of("dspm.scan.max-rereads", "10")).maxRereads()).isEqualTo(10);
        assertThat(retention(Map.of("dspm.retention.failed-runs-max-age", "PT1S")).failedRunsMaxAge())
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(bind(Map.of("dspm.scan.asset-types", "")).assetTypes()).containsExactly(AssetType.values());
    }

    private static ScanSettings bind(Map<String, String> properties) {
        return bind(properties, "dspm.scan", ScanSettings.class);
    }

    private static RunSettings run(Map<String, String> properties) {
        return bind(properties, "dspm", RunSettings.class);
    }

    private static LockSettings lock(Map<String, String> properties) {
        return bind(properties, "dspm.lock", LockSettings.class);
    }

    private static RetentionSettings retention(Map<String, String> properties) {
        return bind(properties, "dspm.retention", RetentionSettings.class);
    }

    private static <T> T bind(Map<String, String> properties, String prefix, Class<T> type) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate(prefix, Bindable.of(type));
    }
}
