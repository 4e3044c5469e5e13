package dev.dspm.scanner.scan;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.core.env.Environment;

import dev.dspm.scanner.ConfigurationException;
import dev.dspm.scanner.SettingsReader;
import dev.dspm.scanner.manus.AssetType;

/** What to scan and how hard ({@code dspm.scan.*}, {@code dspm.retention.*}), checked before any request. */
public record ScanSettings(
        List<AssetType> assetTypes,
        List<String> ownerIds,
        String keyword,
        Instant sharedAfter,
        Instant sharedBefore,
        int pageSize,
        int commitInterval,
        int threads,
        Duration progressInterval,
        Duration resumeWithin,
        Duration lockStaleAfter,
        int keepRuns,
        String tenant,
        boolean pinEndTime,
        int maxRereads,
        Duration failedRunsMaxAge) {

    static final int MAX_PAGE_SIZE = 1000;

    public static ScanSettings from(Environment environment) {
        SettingsReader settings = new SettingsReader(environment);
        ScanSettings scan = new ScanSettings(
                assetTypes(settings.list("dspm.scan.asset-types")),
                settings.list("dspm.scan.owner-ids"),
                settings.text("dspm.scan.keyword"),
                settings.instant("dspm.scan.shared-after"),
                settings.instant("dspm.scan.shared-before"),
                settings.integer("dspm.scan.page-size", MAX_PAGE_SIZE),
                settings.integer("dspm.scan.commit-interval", 5000),
                settings.integer("dspm.scan.threads", 4),
                settings.duration("dspm.scan.progress-interval", Duration.ofSeconds(10)),
                settings.duration("dspm.scan.resume-within", Duration.ofHours(12)),
                settings.duration("dspm.lock.stale-after", Duration.ofMinutes(2)),
                settings.integer("dspm.retention.keep-runs", 14),
                settings.text("dspm.tenant"),
                !"false".equalsIgnoreCase(settings.text("dspm.scan.pin-end-time")),
                settings.integer("dspm.scan.max-rereads", 2),
                settings.duration("dspm.retention.failed-runs-max-age", Duration.ofDays(7)));
        scan.validate();
        return scan;
    }

    private void validate() {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new ConfigurationException("dspm.scan.page-size must be between 1 and 1000 (the API's limit), got " + pageSize);
        }
        if (commitInterval < 1) {
            throw new ConfigurationException("dspm.scan.commit-interval must be at least 1 share, got " + commitInterval);
        }
        if (threads < 1 || threads > 64) {
            throw new ConfigurationException("dspm.scan.threads must be between 1 and 64, got " + threads);
        }
        if (keepRuns < 1) {
            throw new ConfigurationException("dspm.retention.keep-runs must be at least 1, got " + keepRuns);
        }
        if (sharedAfter != null && sharedBefore != null && !sharedAfter.isBefore(sharedBefore)) {
            throw new ConfigurationException("dspm.scan.shared-after must be before dspm.scan.shared-before");
        }
        if (lockStaleAfter.toMillis() < 4) {
            throw new ConfigurationException("dspm.lock.stale-after must be a positive duration such as PT2M");
        }
        if (progressInterval.isNegative() || progressInterval.isZero()) {
            throw new ConfigurationException("dspm.scan.progress-interval must be positive");
        }
    }

    private static List<AssetType> assetTypes(List<String> given) {
        if (given.isEmpty()) {
            return List.of(AssetType.values());
        }
        return given.stream().map(name -> AssetType.parse(name).orElseThrow(() -> new ConfigurationException(
                "dspm.scan.asset-types: unknown asset type '" + name + "' (known: "
                        + Arrays.stream(AssetType.values()).map(Enum::name).collect(Collectors.joining(", ")) + ")")))
                .distinct().toList();
    }

    /** Whether this run looks only at some owners' shares (an offboarding or incident scan). */
    boolean ownerScoped() {
        return !ownerIds.isEmpty();
    }
}
