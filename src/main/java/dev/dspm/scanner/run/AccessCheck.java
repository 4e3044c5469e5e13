package dev.dspm.scanner.run;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.dspm.scanner.manus.ApiKeys;
import dev.dspm.scanner.manus.ApiSettings;
import dev.dspm.scanner.manus.ManusApiException;
import dev.dspm.scanner.manus.ManusApiException.ErrorCode;
import dev.dspm.scanner.manus.ManusClient;
import dev.dspm.scanner.manus.UserQuery;
import dev.dspm.scanner.remediation.RemediationSettings;
import dev.dspm.scanner.scan.ScanPartition;
import dev.dspm.scanner.scan.ScanSettings;

/**
 * One small request per key before a run is created or resumed: one share of the first partition; in apply mode, an
 * update_scope of a share that cannot exist, which only a management key gets past (a read-only key in the management
 * variable would otherwise be found at the first action, after the whole scan); one member when the user key is set.
 * A refused key is then one line and exit 2, with no run left behind for the next start to resume; an unreachable
 * API is one line naming the URL. Without it every partition would send its own doomed first request.
 */
@Component
class AccessCheck {

    private final ManusClient client;
    private final ApiKeys keys;
    private final ApiSettings api;
    private final ScanSettings settings;
    private final RemediationSettings remediation;

    AccessCheck(ManusClient client, ApiKeys keys, ApiSettings api, ScanSettings settings, RemediationSettings remediation) {
        this.client = client;
        this.keys = keys;
        this.api = api;
        this.settings = settings;
        this.remediation = remediation;
    }

    /** Empty when the API answered; otherwise how the run ends, and why. */
    Optional<RunEnd> refusal(Instant endTime) {
        Optional<RunEnd> refused = refusal(() -> client.listAssets(ScanPartition.probe(settings, endTime)),
                keys.readKeySource(), "listing shares needs a Team Asset Audit key (or a Team Asset Management key) of this team",
                "cannot list shares at ");
        if (refused.isEmpty() && remediation.mode() == RemediationSettings.Mode.APPLY) {
            refused = refusal(client::checkWriteKey, keys.writeKeySource(), "dspm.remediation.mode=apply calls "
                    + "team.asset.update_scope, which only a Team Asset Management key of this team may call (an audit key "
                    + "may only list)", "cannot check the management key at ");
        }
        if (refused.isPresent() || keys.userKey().isEmpty()) {
            return refused;
        }
        // The owners are listed after the scan: a refused user key must not cost an hour of scanning first.
        return refusal(() -> client.listUsers(UserQuery.of(1)), ApiKeys.USER_KEY_ENV + " (or " + ApiKeys.USER_KEY_FILE_ENV
                + ")", "listing the team's members needs a Team User Management key of this team", "cannot list members at ");
    }

    private Optional<RunEnd> refusal(Runnable request, String keySource, String keyNeeded, String failed) {
        try {
            request.run();
            return Optional.empty();
        } catch (ManusApiException e) {
            if (e.code() == ErrorCode.ABORTED) {
                return Optional.of(new RunEnd(RunOutcome.STOPPED, "stopped before the run began: " + e.getMessage()));
            }
            if (e.code() == ErrorCode.UNAUTHENTICATED || e.code() == ErrorCode.PERMISSION_DENIED) {
                return Optional.of(new RunEnd(RunOutcome.KEY_REFUSED, "the API refused the key in "
                        + keySource + " (" + (e.rawCode() != null ? e.rawCode() : e.code().name().toLowerCase(Locale.ROOT))
                        + (e.requestId() != null ? ", request_id=" + e.requestId() : "") + "): " + keyNeeded));
            }
            return Optional.of(new RunEnd(RunOutcome.FAILED, failed + api.baseUrl() + ": " + e.getMessage()));
        }
    }
}
