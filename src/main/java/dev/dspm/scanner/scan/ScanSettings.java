package dev.dspm.scanner.scan;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.dspm.scanner.ConfigurationException;
import dev.dspm.scanner.manus.AssetType;

/**
 * What to scan and how hard: {@code dspm.tenant}, {@code dspm.scan.*}, {@code dspm.lock.*} and
 * {@code dspm.retention.*}. Every instance is valid: each constructor names the setting to fix, and the
 * application binds this before any database is opened or request sent.
 *
 * @param tenant    names the team this run scans: lock, resume and retention are per tenant. Optional
 *                  (derived from the API URL when unset); when set, 1..200 characters and no control characters
 * @param scan      {@code dspm.scan.*}
 * @param lock      {@code dspm.lock.*}
 * @param retention {@code dspm.retention.*}
 */
@ConfigurationProperties("dspm")
public record ScanSettings(String tenant, @DefaultValue Scan scan, @DefaultValue Lock lock,
        @DefaultValue Retention retention) {

    private static final int MAX_PAGE_SIZE = 1000;
    private static final int MAX_TENANT_LENGTH = 200;

    public ScanSettings {
        tenant = tenant == null || tenant.isBlank() ? null : tenant.strip();
        if (tenant != null && (tenant.length() > MAX_TENANT_LENGTH || tenant.chars().anyMatch(Character::isISOControl))) {
            throw new ConfigurationException("dspm.tenant must be 1 to " + MAX_TENANT_LENGTH
                    + " characters without control characters");
        }
        Objects.requireNonNull(scan, "scan");
        Objects.requireNonNull(lock, "lock");
        Objects.requireNonNull(retention, "retention");
    }

    /**
     * {@code dspm.scan.*}.
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
     */
    public record Scan(
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
            @DefaultValue("2") int maxRereads) {

        public Scan {
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
        }
    }

    /**
     * {@code dspm.lock.*}.
     *
     * @param staleAfter a run's lock with no heartbeat for this long (the longer of the holder's and this run's
     *                   setting) belongs to a dead process and is taken over; the heartbeat beats four times in
     *                   this period
     */
    public record Lock(@DefaultValue("PT2M") Duration staleAfter) {

        public Lock {
            if (staleAfter.toMillis() < 4) {
                throw new ConfigurationException("dspm.lock.stale-after must be a positive duration such as PT2M");
            }
        }
    }

    /**
     * {@code dspm.retention.*}.
     *
     * @param keepRuns          sealed snapshots kept per tenant, at least 1 (and always the newest complete one)
     * @param failedRunsMaxAge  failed or stopped runs older than this (and than {@code dspm.scan.resume-within}) are pruned
     */
    public record Retention(@DefaultValue("14") int keepRuns, @DefaultValue("P7D") Duration failedRunsMaxAge) {

        public Retention {
            if (keepRuns < 1) {
                throw new ConfigurationException("dspm.retention.keep-runs must be at least 1, got " + keepRuns);
            }
            if (failedRunsMaxAge.isNegative() || failedRunsMaxAge.isZero()) {
                throw new ConfigurationException("dspm.retention.failed-runs-max-age must be positive, got "
                        + failedRunsMaxAge);
            }
        }
    }

    public List<AssetType> assetTypes() {
        return scan.assetTypes();
    }

    public List<String> ownerIds() {
        return scan.ownerIds();
    }

    public List<String> ownerEmails() {
        return scan.ownerEmails();
    }

    public String keyword() {
        return scan.keyword();
    }

    public Instant sharedAfter() {
        return scan.sharedAfter();
    }

    public Instant sharedBefore() {
        return scan.sharedBefore();
    }

    public int pageSize() {
        return scan.pageSize();
    }

    public int commitInterval() {
        return scan.commitInterval();
    }

    public int threads() {
        return scan.threads();
    }

    public Duration progressInterval() {
        return scan.progressInterval();
    }

    public Duration resumeWithin() {
        return scan.resumeWithin();
    }

    public boolean pinEndTime() {
        return scan.pinEndTime();
    }

    public int maxRereads() {
        return scan.maxRereads();
    }

    public Duration lockStaleAfter() {
        return lock.staleAfter();
    }

    public int keepRuns() {
        return retention.keepRuns();
    }

    public Duration failedRunsMaxAge() {
        return retention.failedRunsMaxAge();
    }

    /**
     * Whether this run looks only at some owners' shares (an offboarding or incident scan). Owner emails are resolved
     * into owner ids before the job starts; emails without ids would scan the whole tenant, so they are refused.
     */
    boolean ownerScoped() {
        if (!scan.ownerEmails().isEmpty() && scan.ownerIds().isEmpty()) {
            throw new IllegalStateException("dspm.scan.owner-emails were not resolved to owner ids");
        }
        return !scan.ownerIds().isEmpty();
    }
}
