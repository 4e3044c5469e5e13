package dev.dspm.scanner.remediation;

import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.manus.Asset;
import dev.dspm.scanner.manus.AssetPage;
import dev.dspm.scanner.manus.AssetType;
import dev.dspm.scanner.manus.ListQuery;
import dev.dspm.scanner.manus.ManusClient;

/**
 * Re-reads one share as the API shows it now: before writing to it, and to settle an update_scope whose
 * outcome is unknown. The API has no "get one share", so this pages a listing filtered by the share's
 * owner and type until the share turns up. Nothing pins the listing in time: it must show the present.
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
        Objects.requireNonNull(type, "type");
        ListQuery first = new ListQuery(type, null, ownerId, null, null, null, PAGE_SIZE, 0);
        for (int reading = 1; reading <= MAX_READINGS; reading++) {
            Reading result = read(first, shareUid);
            if (result.found() != null || result.steady()) {
                log.debug("share {}: {} after {} page(s)", shareUid, result.found() != null ? "listed" : "not listed",
                        result.pages());
                return Optional.ofNullable(result.found());
            }
            log.debug("share {}: not seen while the listing changed, reading it again", shareUid);
        }
        throw new IllegalStateException("share " + shareUid + " could not be looked up: the listing of "
                + type.wireName() + " changed during each of " + MAX_READINGS + " readings; try again later");
    }

    /** One pass over the pages, stopping at the share; steady when every page reported the same total. */
    private Reading read(ListQuery first, String shareUid) {
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
                if (shareUid.equals(asset.uid())) {
                    return new Reading(asset, steady, pages);
                }
            }
            offset += page.assets().size();
            if (page.assets().size() < PAGE_SIZE || offset >= page.total()) {
                return new Reading(null, steady, pages);
            }
        }
    }

    private record Reading(Asset found, boolean steady, int pages) {
    }
}
