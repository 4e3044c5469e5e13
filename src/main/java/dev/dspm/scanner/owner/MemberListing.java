package dev.dspm.scanner.owner;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dspm.scanner.manus.ManusClient;
import dev.dspm.scanner.manus.TeamUser;
import dev.dspm.scanner.manus.UserPage;
import dev.dspm.scanner.manus.UserQuery;

/**
 * Every member of the team, paged from {@code team.user.list} and handed to a {@link Sink} a page at a time, so that a
 * team of hundreds of thousands is never held at once (only the ids of a reading are). Offset paging over a list that
 * changes skips and repeats members, so a repeated member is handed over as a replacement, and the listing is read
 * again (at most {@value #REREADS} times) when its total moved or the pages handed out a different number of members
 * than it.
 */
class MemberListing {

    static final int PAGE = 1_000;
    static final int REREADS = 2;
    private static final Logger log = LoggerFactory.getLogger(MemberListing.class);

    /** What the last reading found: its distinct members, the API's last total, and whether they agree. */
    record Listed(long members, long apiTotal, boolean complete) {
    }

    /** Where a reading's members go. */
    interface Sink {

        /** A reading starts: whatever an earlier reading handed over is to be forgotten. */
        void restart();

        /** Members this reading has not handed over before. */
        void add(List<TeamUser> members);

        /** Members this reading handed over before, as the latest page has them. */
        void replace(List<TeamUser> members);
    }

    private final ManusClient client;
    private final int pageSize;

    /** @param pageSize members asked for per request: {@value #PAGE}, the API's most, but in tests */
    MemberListing(ManusClient client, int pageSize) {
        this.client = client;
        this.pageSize = pageSize;
    }

    Listed list(Sink sink) {
        Listed read = readOnce(sink);
        for (int reread = 1; !read.complete() && reread <= REREADS; reread++) {
            log.info("team.user.list moved while it was paged ({} members read, total {}): reading it again ({}/{})",
                    read.members(), read.apiTotal(), reread, REREADS);
            read = readOnce(sink);
        }
        return read;
    }

    private Listed readOnce(Sink sink) {
        sink.restart();
        Set<String> ids = new HashSet<>();
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
            hand(sink, page.users(), ids);
            if (page.users().isEmpty() || offset + pageSize >= total) {
                break;
            }
        }
        boolean complete = !totalMoved && handedOut == total && ids.size() == total;
        return new Listed(ids.size(), total, complete);
    }

    /** A member twice on one page counts as its last appearance. */
    private static void hand(Sink sink, List<TeamUser> page, Set<String> ids) {
        Map<String, TeamUser> byId = new LinkedHashMap<>();
        page.forEach(user -> byId.put(user.teamUserId(), user));
        List<TeamUser> added = new ArrayList<>();
        List<TeamUser> replaced = new ArrayList<>();
        byId.values().forEach(user -> (ids.add(user.teamUserId()) ? added : replaced).add(user));
        if (!added.isEmpty()) {
            sink.add(added);
        }
        if (!replaced.isEmpty()) {
            sink.replace(replaced);
        }
    }
}
