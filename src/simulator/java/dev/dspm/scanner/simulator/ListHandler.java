package dev.dspm.scanner.simulator;

import java.util.Map;

/** GET team.asset.list: one page of a type's shares in list order, with the effective permission. */
final class ListHandler {

    private final SimulatedTenant tenant;
    private final Lies lies;
    private final FilteredViews views = new FilteredViews();

    ListHandler(SimulatedTenant tenant, Lies lies) {
        this.tenant = tenant;
        this.lies = lies;
    }

    void answer(Map<String, String> query, String requestId, JsonBuffer out) {
        ListRequest request = ListRequest.parse(query);
        StoredShare[] matches = views.matching(request.type(), request.filter(), tenant.view(request.type()));
        long endless = lies.endlessTotal();
        long total = endless > 0 ? endless : matches.length;
        long from = endless > 0 ? request.offset() : Math.min(request.offset(), matches.length);
        long to = endless > 0 ? from + request.limit() : Math.min(matches.length, from + request.limit());
        if (lies.pageEntries() > 0) {
            to = from + lies.pageEntries();
        }
        String extra = deepField(lies.unknownFieldDepth());
        Envelope.beginOk(out, requestId).ascii(",\"assets\":[");
        for (long i = from; i < to && matches.length > 0; i++) {
            if (i > from) {
                out.character(',');
            }
            StoredShare share = matches[(int) (i % matches.length)];
            if (endless > 0 || i >= matches.length) {
                // made up: the same share under a uid of its own (its type's too), so every page looks new
                share = StoredShare.of(new ShareRow("shr_lie_" + share.row().type().ordinal() + "_" + i, share.row().type(), share.row().assetName(),
                        share.row().assetId(), share.row().sharedAt(), share.row().lastOperatedAt(), share.row().ownerId(),
                        share.row().sessionId(), share.row().assetExists(), share.row().raw(), false, false),
                        new JsonBuffer(512));
            }
            if (extra == null) {
                share.writeTo(out, tenant.maxOf(share));
            } else {
                share.writeTo(out, tenant.maxOf(share), extra);
            }
        }
        out.ascii("],\"total\":").number(total)
                .ascii(",\"limit\":").number(request.limit())
                .ascii(",\"offset\":").number(request.offset())
                .character('}');
    }

    /** {@code ,"x_nested":[[...[1]...]]}, {@code depth} arrays deep; null for none. */
    private static String deepField(int depth) {
        return depth == 0 ? null : ",\"x_nested\":" + "[".repeat(depth) + "1" + "]".repeat(depth);
    }
}
