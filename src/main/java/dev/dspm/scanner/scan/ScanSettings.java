package dev.dspm.scanner.scan;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.dspm.scanner.config.ConfigurationException;
import dev.dspm.scanner.manus.AssetType;

/**
 * {@code dspm.scan.*}: what to scan and how hard. Every instance is valid: each check names the setting to fix,
 * and the application binds this before any database is opened or request sent.
 *
 * @param assetTypes       the types to list; empty means all five
 * @param ownerIds         scan only these owners' shares, across every type (an offboarding or incident scan)
 * @param ownerEmails      scan only the shares of the members with these emails, across every type: the day someone
 *                         leaves. Resolved to owner ids through team.user.list (a delegated profile by its
 *                         original_email) before any share is listed; needs MANUS_USER_MGMT_KEY, and an email no
 *                         member has stops the run
 * @param keyword          prefix of the lower-cased asset name
 * @param sharedAfter      RFC3339 lower bound on {@code shared_at}
 * @param sharedBefore     RFC3339 upper bound on {@code shared_at}
 * @param pageSize         shares per request, 1..1000 (the API's limit)
 * @param commitInterval   shares per database transaction, in whole pages (at least one); a resumed partition
 *                         re-reads at most this many
 * @param threads          partitions scanned at once, 1..64; on H2, one file, they write one at a time
 * @param progressInterval how often each type's progress line is logged
 * @param resumeWithin     resume a failed run this recent; zero always starts afresh
 * @param pinEndTime       pin the listing's {@code end_time} to the run's start, so shares added during the
 *                         run cannot shift its pages; a resumed run keeps the {@code end_time} it started with
 * @param maxRereads       how many times a partition whose listing changed while it was paged is read again, 0..10
 * @param maxSharesPerType the most shares one type (one type and owner, in an owner-scoped scan) is paged for: a
 *                         listing that goes on past it (a server whose pages never end) stops there, nothing beyond
 *                         is stored, and the type is recorded incomplete with the reason. Ten times the largest
 *                         tenant measured (BENCHMARKS.md); each pass also stops 1% (at least a page) past the total
 *                         its first page reported
 */
@ConfigurationProperties("dspm.scan")
public record ScanSettings(
        @DefaultValue List<AssetType> assetTypes,
        @DefaultValue List<String> ownerIds,
        @DefaultValue List<String> ownerEmails,
        String keyword,
        Instant sharedAfter,
        Instant sharedBefore,
        @DefaultValue("1000") int pageSize,
        @DefaultValue("5000") int commitInterval,
        @DefaultValue("4") int threads,
        @DefaultValue("PT10S") Duration progressInterval,
        @DefaultValue("PT12H") Duration resumeWithin,
        @DefaultValue("true") boolean pinEndTime,
        @DefaultValue("2") int maxRereads,
        @DefaultValue("10000000") long maxSharesPerType) {

    private static final int MAX_PAGE_SIZE = 1000;

    public ScanSettings {
        assetTypes = assetTypes.isEmpty() ? List.of(AssetType.values()) : assetTypes.stream().distinct().toList();
        ownerIds = ownerIds.stream().map(String::strip).filter(id -> !id.isEmpty()).distinct().toList();
        ownerEmails = ownerEmails.stream().map(email -> email.strip().toLowerCase(Locale.ROOT)).filter(email -> !email.isEmpty())
                .distinct().toList();
        keyword = keyword == null || keyword.isBlank() ? null : keyword.strip();
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new ConfigurationException("dspm.scan.page-size must be between 1 and " + MAX_PAGE_SIZE
                    + " (the API's limit), got " + pageSize);
        }
        if (commitInterval < 1) {
            throw new ConfigurationException("dspm.scan.commit-interval must be at least 1 share, got " + commitInterval);
        }
        if (threads < 1 || threads > 64) {
            throw new ConfigurationException("dspm.scan.threads must be between 1 and 64, got " + threads);
        }
        if (sharedAfter != null && sharedBefore != null && !sharedAfter.isBefore(sharedBefore)) {
            throw new ConfigurationException("dspm.scan.shared-after must be before dspm.scan.shared-before");
        }
        if (progressInterval.isNegative() || progressInterval.isZero()) {
            throw new ConfigurationException("dspm.scan.progress-interval must be positive, got " + progressInterval);
        }
        if (resumeWithin.isNegative()) {
            throw new ConfigurationException("dspm.scan.resume-within must not be negative (PT0S always starts afresh)");
        }
        if (maxRereads < 0 || maxRereads > 10) {
            throw new ConfigurationException("dspm.scan.max-rereads must be between 0 and 10, got " + maxRereads);
        }
        if (maxSharesPerType < 1 || maxSharesPerType > Integer.MAX_VALUE) {
            // the API's offset is a 32-bit integer: no listing can be paged further
            throw new ConfigurationException("dspm.scan.max-shares-per-type must be between 1 and " + Integer.MAX_VALUE
                    + ", got " + maxSharesPerType);
        }
    }
}
