package dev.dspm.scanner.remediation;

import java.util.Optional;

import dev.dspm.scanner.manus.Asset;
import dev.dspm.scanner.manus.ShareScope;

/** Whether a planned action still fits its share as read again just before the call. */
final class Drift {

    private Drift() {
    }

    /** Why the share, read again now, must be left alone: gone, already where a tightening would take it, or changed since the plan. */
    static Optional<SkipReason> check(Action action, Optional<Asset> current) {
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
}
