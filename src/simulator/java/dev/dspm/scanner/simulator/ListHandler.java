package dev.dspm.scanner.simulator;

import java.util.Map;

/** GET team.asset.list: one page of a type's shares in list order, with the effective permission. */
final class ListHandler {

    private final SimulatedTenant tenant;
    private final FilteredViews views = new FilteredViews();

    ListHandler(SimulatedTenant tenant) {
        this.tenant = tenant;
    }

    void answer(Map<String, String> query, String requestId, JsonBuffer out) {
        ListRequest request = ListRequest.parse(query);
        StoredShare[] matches = views.matching(request.type(), request.filter(), tenant.view(request.type()));
        long from = Math.min(request.offset(), matches.length);
        long to = Math.min(matches.length, from + request.limit());
        Envelope.beginOk(out, requestId).ascii(",\"assets\":[");
        for (int i = (int) from; i < to; i++) {
            if (i > from) {
                out.character(',');
            }
            StoredShare share = matches[i];
            share.writeTo(out, tenant.maxOf(share));
        }
        out.ascii("],\"total\":").number(matches.length)
                .ascii(",\"limit\":").number(request.limit())
                .ascii(",\"offset\":").number(request.offset())
                .character('}');
    }
}
