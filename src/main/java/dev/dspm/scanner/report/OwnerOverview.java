package dev.dspm.scanner.report;

import java.util.List;

/**
 * What a run knew of its shares' owners (owner enrichment, with the user management key).
 *
 * @param enriched        the run listed the team's members; false without the key, and then every other field is empty
 * @param members         members listed
 * @param apiTotal        members the listing's total said there are
 * @param complete        every member was listed (the total held still, and as many distinct members were stored)
 * @param unmatchedOwners distinct owner ids of the snapshot that no member's team_user_id equals: their owner is unknown
 * @param unmatchedShares the shares those owners own
 * @param unmatchedSample a few of those owner ids, to check against the team's admin console
 * @param top             the owners with the most open (NEW or OPEN) findings, most first
 */
record OwnerOverview(boolean enriched, long members, long apiTotal, boolean complete, long unmatchedOwners,
        long unmatchedShares, List<String> unmatchedSample, List<TopOwner> top) {

    /** An owner and their open findings; {@code email} and {@code status} are null for an owner the run did not match. */
    record TopOwner(String ownerId, String email, String status, long open, long critical, long high) {
    }
}
