package dev.dspm.scanner.remediation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.manus.Asset;
import dev.dspm.scanner.manus.AssetType;
import dev.dspm.scanner.manus.ManusApiException;
import dev.dspm.scanner.manus.ManusApiException.ErrorCode;
import dev.dspm.scanner.manus.ManusClient;
import dev.dspm.scanner.manus.ShareScope;

/**
 * Applies a run's planned actions, each exactly once. Each share is read again first (never write on a picture that
 * may have changed): the shares of one owner and type in one listing, at most {@value #BATCH} of them, read just before
 * their calls. The calls go on {@code dspm.remediation.threads} threads under the client's one rate limiter; an action
 * is IN_FLIGHT in the database before its call leaves. An answer that does not prove the server did nothing (a 5xx, no
 * answer, one that cannot be read; or the process died) leaves the outcome unknown: it is settled by reading the share
 * again, and the call is sent again only when that shows it did not land, at most {@value #MAX_SENDS} times in all.
 * A refused key (401, 403) stops the run's sends: none starts once the refusal is back (the calls already waiting for
 * their turn at the rate limiter, one per thread at most, still go, and are refused too).
 */
@Component
class Remediator {

    /** Calls of one action, each after a reading that showed the one before did not land. */
    static final int MAX_SENDS = 3;
    /**
     * Actions whose shares one listing re-reads: one request for them all (an owner's shares of a type rarely fill a
     * page), yet few enough that the last call leaves seconds, not minutes, after the reading that checked it.
     */
    static final int BATCH = 50;

    private static final Logger log = LoggerFactory.getLogger(Remediator.class);

    private final Actions actions;
    private final ShareLookup lookup;
    private final ManusClient client;
    private final int threads;

    Remediator(Actions actions, ShareLookup lookup, ManusClient client, RemediationSettings settings) {
        this.actions = actions;
        this.lookup = lookup;
        this.client = client;
        this.threads = settings.threads();
    }

    /**
     * The calls a process that died left IN_FLIGHT: the share says whether each landed; one that did not is
     * PLANNED again, to be sent (once more at most) by {@link #apply}. Reading is safe even when a guardrail holds the
     * run back.
     */
    void settleInFlight(long runId) {
        for (Action unknown : actions.inStatus(runId, ActionStatus.IN_FLIGHT)) {
            if (!settle(runId, unknown, null)) {
                actions.replan(runId, unknown);
            }
        }
    }

    void apply(long runId) {
        settleInFlight(runId);
        AtomicReference<ManusApiException> refused = new AtomicReference<>();
        try (SendPool pool = new SendPool(threads)) {
            for (List<Action> batch : batches(actions.inStatus(runId, ActionStatus.PLANNED))) {
                if (pool.stopped()) {
                    break;
                }
                Action first = batch.get(0);
                ShareLookup.Listing listing;
                try {
                    listing = lookup.current(batch.stream().map(Action::shareUid).toList(), type(first), first.ownerId());
                } catch (IllegalStateException e) {
                    batch.forEach(action -> actions.failed(runId, action, e.getMessage()));
                    continue;
                }
                for (Action action : batch) {
                    if (listing.unsure().contains(action.shareUid())) {
                        // the owner's listing would not hold still to be read
                        actions.failed(runId, action, ShareLookup.unsure(action.shareUid(), type(action)).getMessage());
                        continue;
                    }
                    Optional<SkipReason> skip = Drift.check(action, listing.current(action.shareUid()));
                    if (skip.isPresent()) {
                        actions.skipped(runId, action, skip.get());
                        continue;
                    }
                    pool.submit(() -> send(runId, action, pool::stopped).ifPresent(e -> {
                        refused.compareAndSet(null, e);
                        pool.stop();
                    }));
                }
            }
            pool.finish();
        }
        if (refused.get() != null) {
            List<Action> unsent = actions.inStatus(runId, ActionStatus.PLANNED);
            unsent.forEach(rest -> actions.skipped(runId, rest, SkipReason.PERMISSION_DENIED));
            actions.holdBack(runId, HeldBack.PERMISSION_DENIED, "team.asset.update_scope refused the key ("
                    + refused.get().getMessage() + "); the other " + unsent.size() + " actions were not sent. "
                    + "Check that MANUS_ASSET_MGMT_KEY is a Team Asset Management key of this team");
        }
    }

    /** The actions in batches of one owner and asset type, in the order of their first action. */
    private static Collection<List<Action>> batches(List<Action> planned) {
        Map<List<String>, List<Action>> byOwnerAndType = new LinkedHashMap<>();
        for (Action action : planned) {
            byOwnerAndType.computeIfAbsent(Arrays.asList(action.assetType(), action.ownerId()), key -> new ArrayList<>())
                    .add(action);
        }
        List<List<Action>> batches = new ArrayList<>();
        for (List<Action> group : byOwnerAndType.values()) {
            for (int from = 0; from < group.size(); from += BATCH) {
                batches.add(group.subList(from, Math.min(group.size(), from + BATCH)));
            }
        }
        return batches;
    }

    /**
     * Sends one action until it is APPLIED, FAILED or settled otherwise. Returns the refusal when the key itself was
     * refused: no further action of the run may then be sent. Once {@code stopped}, an action whose call a reading
     * showed did not land is PLANNED again rather than sent again.
     */
    private Optional<ManusApiException> send(long runId, Action action, BooleanSupplier stopped) {
        for (int sent = 1; ; sent++) {
            if (sent > 1 && stopped.getAsBoolean()) {
                actions.replan(runId, action);
                return Optional.empty();
            }
            actions.inFlight(runId, action);
            try {
                String requestId = client.updateScope(action.shareUid(), ShareScope.valueOf(action.toScope()), action.note());
                actions.applied(runId, action, requestId);
                log.info("run {}: share {} changed {} -> {} (policy {}, request_id={})", runId, action.shareUid(),
                        action.fromScope(), action.toScope(), action.policyId(), requestId);
                return Optional.empty();
            } catch (ManusApiException e) {
                if (e.code() == ErrorCode.ABORTED) {
                    throw e; // the run is stopping: the action stays IN_FLIGHT for the next start to settle
                }
                if (e.refusedWithoutActing()) {
                    actions.failed(runId, action, e.getMessage());
                    boolean keyRefused = e.code() == ErrorCode.PERMISSION_DENIED || e.code() == ErrorCode.UNAUTHENTICATED;
                    return keyRefused ? Optional.of(e) : Optional.empty();
                }
                if (settle(runId, action, e.requestId())) {
                    return Optional.empty();
                }
                if (sent == MAX_SENDS) {
                    actions.failed(runId, action, e.getMessage() + "; read again after each of " + sent
                            + " calls, the share shows no change");
                    return Optional.empty();
                }
                log.warn("run {}: share {}: {}; read again, the share shows no change: sending it again", runId,
                        action.shareUid(), e.getMessage());
            }
        }
    }

    /**
     * Reads the share of a call whose outcome is unknown: APPLIED when its cap is now the action's scope (the
     * override is there; {@code requestId} is the unclear answer's, if it had one), SHARE_GONE when it is no longer
     * listed. False when it shows no change.
     */
    private boolean settle(long runId, Action action, String requestId) {
        Optional<Asset> current = lookup.current(action.shareUid(), type(action), action.ownerId());
        if (current.isEmpty()) {
            actions.skipped(runId, action, SkipReason.SHARE_GONE);
            return true;
        }
        if (current.get().maxPermission() == ShareScope.valueOf(action.toScope())) {
            actions.applied(runId, action, requestId);
            log.info("run {}: share {} shows {} applied (settled by reading it again; request_id={})", runId,
                    action.shareUid(), action.toScope(), requestId);
            return true;
        }
        return false;
    }

    private static AssetType type(Action action) {
        return AssetType.parse(action.assetType()).orElseThrow(() -> new IllegalStateException(
                "share " + action.shareUid() + " has asset type " + action.assetType() + ", which this build cannot list"));
    }
}
