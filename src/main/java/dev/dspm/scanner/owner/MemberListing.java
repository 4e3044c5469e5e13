package dev.dspm.scanner.owner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dspm.scanner.manus.ManusClient;
import dev.dspm.scanner.manus.TeamUser;
import dev.dspm.scanner.manus.UserPage;
import dev.dspm.scanner.manus.UserQuery;

/**
 * Every member of the team, paged from {@code team.user.list}. Offset paging over a list that
 * changes skips and repeats members, so members are kept by id, and the listing is read again (at most
 * {@value #REREADS} times) when its total moved or the pages handed out a different number of members than it.
 */
class MemberListing {

    static final int PAGE = 1_000;
    static final int REREADS = 2;
    private static final Logger log = LoggerFactory.getLogger(MemberListing.class);

    /** The members by id, the API's last total, and whether they agree: one unchanging total, that many members. */
    record Members(List<TeamUser> members, long apiTotal, boolean complete) {
    }

    private final ManusClient client;
    private final int pageSize;

    /** @param pageSize members asked for per request: {@value #PAGE}, the API's most, but in tests */
    MemberListing(ManusClient client, int pageSize) {
        this.client = client;
        this.pageSize = pageSize;
    }

    Members list() {
        Members read = readOnce();
        for (int reread = 1; !read.complete() && reread <= REREADS; reread++) {
            log.info("team.user.list moved while it was paged ({} members read, total {}): reading it again ({}/{})",
                    read.members().size(), read.apiTotal(), reread, REREADS);
            read = readOnce();
        }
        return read;
    }

    private Members readOnce() {
        Map<String, TeamUser> byId = new LinkedHashMap<>();
        Long firstTotal = null;
        long total = 0;
        long handedOut = 0;
        boolean totalMoved = false;
        for (int offset = 0;; offset += pageSize) {
            UserPage page = client.listUsers(UserQuery.of(pageSize).withOffset(offset));
            total = page.total();
            totalMoved |= firstTotal != null && firstTotal != total;
            firstTotal = firstTotal == null ? total : firstTotal;
            handedOut += page.users().size();
            page.users().forEach(user -> byId.put(user.teamUserId(), user));
            if (page.users().isEmpty() || offset + pageSize >= total) {
                break;
            }
        }
        boolean complete = !totalMoved && handedOut == total && byId.size() == total;
        return new Members(List.copyOf(byId.values()), total, complete);
    }
}
