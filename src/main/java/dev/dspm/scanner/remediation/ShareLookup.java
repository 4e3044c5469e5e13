package dev.dspm.scanner.remediation;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.manus.Asset;
import dev.dspm.scanner.manus.AssetPage;
import dev.dspm.scanner.manus.AssetType;
import dev.dspm.scanner.manus.ListQuery;
import dev.dspm.scanner.manus.ManusClient;

/**
 * Re-reads shares as the API shows them now: before writing to them, and to settle an update_scope whose
 * outcome is unknown. The API has no "get one share", so this pages a listing filtered by the shares' owner
 * and type until every share sought has turned up. Nothing pins the listing in time: it must show the present.
 */
@Component
class ShareLookup {

    private static final Logger log = LoggerFactory.getLogger(ShareLookup.class);
    /** The API's largest page, so an owner's shares take as few requests as possible. */
    static final int PAGE_SIZE = 1000;
    /**
     * Readings of the whole listing before giving up on one that keeps changing. A share issued or
     * deleted between two pages shifts every later offset, so a share can slip from one page to the
     * previous one unseen; a changed total is the sign, and the listing is then read again.
     */
    static final int MAX_READINGS = 3;

    private final ManusClient client;

    ShareLookup(ManusClient client) {
        this.client = client;
    }

    /**
     * What one listing of an owner's shares of one type said of some of them.
     *
     * @param listed the shares sought that it holds, by uid
     * @param unsure the shares sought it did not show while it changed during each of {@value #MAX_READINGS}
     *               readings, so that their absence proves nothing; every other share sought is not listed (gone)
     */
    record Listing(Map<String, Asset> listed, Set<String> unsure) {

        Optional<Asset> current(String shareUid) {
            return Optional.ofNullable(listed.get(shareUid));
        }
    }

    /**
     * The share with this uid as listed now, or empty when the listing does not hold it (the share row
     * was deleted). With a null {@code ownerId} the listing cannot be filtered by owner, so the whole
     * type is paged: up to one request per 1000 shares of that type in the tenant.
     *
     * @throws dev.dspm.scanner.manus.ManusApiException when a page cannot be read
     * @throws IllegalStateException when the listing changed during each of {@value #MAX_READINGS} readings,
     *                               so that absence proves nothing
     */
    Optional<Asset> current(String shareUid, AssetType type, String ownerId) {
        Objects.requireNonNull(shareUid, "shareUid");
        Listing listing = current(Set.of(shareUid), type, ownerId);
        if (!listing.unsure().isEmpty()) {
            throw unsure(shareUid, type);
        }
        return listing.current(shareUid);
    }

    /**
     * These shares of one owner and type as listed now, in one reading of the listing for all of them (paged until
     * the last of them turns up), where one lookup each would page it once per share.
     *
     * @throws dev.dspm.scanner.manus.ManusApiException when a page cannot be read
     */
    Listing current(Collection<String> shareUids, AssetType type, String ownerId) {
        Objects.requireNonNull(type, "type");
        ListQuery first = new ListQuery(type, null, ownerId, null, null, null, PAGE_SIZE, 0);
        Map<String, Asset> listed = new HashMap<>();
        Set<String> missing = new LinkedHashSet<>(shareUids);
        for (int reading = 1; reading <= MAX_READINGS && !missing.isEmpty(); reading++) {
            Reading result = read(first, missing, listed);
            log.debug("{} shares of {} ({}): {} listed, {} not, after {} page(s)", shareUids.size(), type.wireName(), ownerId,
                    listed.size(), missing.size(), result.pages());
            if (result.steady()) {
                return new Listing(listed, Set.of());
            }
            if (!missing.isEmpty()) {
                log.debug("{} shares not seen while the listing of {} changed, reading it again", missing.size(), type.wireName());
            }
        }
        return new Listing(listed, missing);
    }

    static IllegalStateException unsure(String shareUid, AssetType type) {
        return new IllegalStateException("share " + shareUid + " could not be looked up: the listing of "
                + type.wireName() + " changed during each of " + MAX_READINGS + " readings; try again later");
    }

    /**
     * One pass over the pages, moving each share sought from {@code missing} to {@code listed} as it turns up and
     * stopping when none is missing; steady when every page reported the same total.
     */
    private Reading read(ListQuery first, Set<String> missing, Map<String, Asset> listed) {
        long firstTotal = -1;
        boolean steady = true;
        int offset = 0;
        int pages = 0;
        while (true) {
            AssetPage page = client.listAssets(first.withOffset(offset));
            pages++;
            if (firstTotal < 0) {
                firstTotal = page.total();
            }
            steady &= page.total() == firstTotal;
            for (Asset asset : page.assets()) {
                if (missing.remove(asset.uid())) {
                    listed.put(asset.uid(), asset);
                }
            }
            offset += page.assets().size();
            if (missing.isEmpty() || page.assets().size() < PAGE_SIZE || offset >= page.total()) {
                return new Reading(steady, pages);
            }
        }
    }

    private record Reading(boolean steady, int pages) {
    }
}
