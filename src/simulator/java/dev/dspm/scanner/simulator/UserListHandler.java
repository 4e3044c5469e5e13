package dev.dspm.scanner.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** GET team.user.list: one page of the members that match the filters, ordered by team_user_id. */
final class UserListHandler {

    private final SimulatedTenant tenant;

    UserListHandler(SimulatedTenant tenant) {
        this.tenant = tenant;
    }

    void answer(Map<String, String> query, String requestId, JsonBuffer out) {
        UserListRequest request = UserListRequest.parse(query);
        // A few thousand members at most: filtering each page afresh costs less than caching would.
        List<TeamMember> matches = new ArrayList<>();
        for (TeamMember member : tenant.members()) {
            if (request.matches(member)) {
                matches.add(member);
            }
        }
        long from = Math.min(request.offset(), matches.size());
        long to = Math.min(matches.size(), from + request.limit());
        Envelope.beginOk(out, requestId).ascii(",\"users\":[");
        for (int i = (int) from; i < to; i++) {
            if (i > from) {
                out.character(',');
            }
            matches.get(i).writeTo(out);
        }
        out.ascii("],\"total\":").number(matches.size())
                .ascii(",\"limit\":").number(request.limit())
                .ascii(",\"offset\":").number(request.offset())
                .character('}');
    }
}
