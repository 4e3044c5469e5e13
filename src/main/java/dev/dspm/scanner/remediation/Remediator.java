package dev.dspm.scanner.remediation;

import java.util.List;
import java.util.Optional;

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
 * may have changed); the action is IN_FLIGHT in the database before its call leaves. An answer that does not prove the
 * server did nothing (a 5xx, no answer, one that cannot be read; or the process died) leaves the outcome unknown: it
 * is settled by reading the share again, and the call is sent again only when that shows it did not land, at most
 * {@value #MAX_SENDS} times in all.
 */
@Component
class Remediator {

    /** Calls of one action, each after a reading that showed the one before did not land. */
    static final int MAX_SENDS = 3;

    private static final Logger log = LoggerFactory.getLogger(Remediator.class);

    private final Actions actions;
    private final ShareLookup lookup;
    private final ManusClient client;

    Remediator(Actions actions, ShareLookup lookup, ManusClient client) {
        this.actions = actions;
        this.lookup = lookup;
        this.client = client;
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
        List<Action> planned = actions.inStatus(runId, ActionStatus.PLANNED);
        for (int i = 0; i < planned.size(); i++) {
            Action action = planned.get(i);
            Optional<SkipReason> skip;
            try {
                skip = recheck(action);
            } catch (IllegalStateException e) {
                actions.failed(runId, action, e.getMessage()); // the owner's listing would not hold still to be read
                continue;
            }
            if (skip.isPresent()) {
                actions.skipped(runId, action, skip.get());
                continue;
            }
            Optional<ManusApiException> refused = send(runId, action);
            if (refused.isPresent()) {
                planned.subList(i + 1, planned.size()).forEach(rest -> actions.skipped(runId, rest, SkipReason.PERMISSION_DENIED));
                actions.holdBack(runId, HeldBack.PERMISSION_DENIED, "team.asset.update_scope refused the key ("
                        + refused.get().getMessage() + "); the other " + (planned.size() - i - 1) + " actions were not sent. "
                        + "Check that MANUS_ASSET_MGMT_KEY is a Team Asset Management key of this team");
                return;
            }
        }
    }

    /**
     * Sends one action until it is APPLIED, FAILED or settled otherwise. Returns the refusal when the key itself was
     * refused: no further action of the run may then be sent.
     */
    private Optional<ManusApiException> send(long runId, Action action) {
        for (int sent = 1; ; sent++) {
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

    /** Why the share, read again now, must be left alone: gone, already where a tightening would take it, or changed since the plan. */
    private Optional<SkipReason> recheck(Action action) {
        Optional<Asset> current = lookup.current(action.shareUid(), type(action), action.ownerId());
        if (current.isEmpty()) {
            return Optional.of(SkipReason.SHARE_GONE);
        }
        ShareScope now = current.get().permission();
        if (now == null || now == ShareScope.UNKNOWN) {
            return Optional.of(SkipReason.UNKNOWN_SCOPE);
        }
        ShareScope from = ShareScope.valueOf(action.fromScope());
        ShareScope to = ShareScope.valueOf(action.toScope());
        if (now == from) {
            return Optional.empty();
        }
        boolean tightening = to.compareTo(from) < 0;
        return Optional.of(tightening && now.compareTo(to) <= 0 ? SkipReason.ALREADY_TIGHT : SkipReason.CHANGED_SINCE_PLAN);
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
