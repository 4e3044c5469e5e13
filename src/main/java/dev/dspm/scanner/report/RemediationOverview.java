package dev.dspm.scanner.report;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.dspm.scanner.remediation.ActionStatus;
import dev.dspm.scanner.remediation.HeldBack;
import dev.dspm.scanner.remediation.RemediationSettings.Mode;
import dev.dspm.scanner.remediation.SkipReason;

/**
 * A run's remediation as a whole, small whatever the plan's size: its mode, the guardrail that held it back, the
 * counts, and the few actions a reviewer reads first. A run with no remediation row (made before remediation
 * existed) reads as {@link Mode#OFF} with no action.
 *
 * @param approvedPlan the earlier run whose reviewed plan this run applied, if any
 * @param revertedRun  the earlier run whose changes this run took back, if any
 * @param heldBack     the guardrail that held every action back (in plan mode: that would hold an apply back), if any
 * @param detail       the sentence saying why it held, and which setting to change
 * @param byStatus     actions per status, every status present
 * @param skipped      SKIPPED actions per reason, every reason present
 * @param listed       the actions that were or would be sent (FAILED first, then IN_FLIGHT, APPLIED, PLANNED, each
 *                     in share order), at most a page of them; the SKIPPED ones are only counted
 */
record RemediationOverview(Mode mode, Long approvedPlan, Long revertedRun, HeldBack heldBack, String detail,
        Map<ActionStatus, Long> byStatus, Map<SkipReason, Long> skipped, List<ReportedAction> listed) {

    /** The statuses of the actions listed on the page, in the order listed. */
    static final List<ActionStatus> LISTED_ORDER = List.of(ActionStatus.FAILED, ActionStatus.IN_FLIGHT,
            ActionStatus.APPLIED, ActionStatus.PLANNED);

    static RemediationOverview off() {
        return new RemediationOverview(Mode.OFF, null, null, null, null, counts(ActionStatus.class), counts(SkipReason.class),
                List.of());
    }

    long count(ActionStatus status) {
        return byStatus.getOrDefault(status, 0L);
    }

    /** The actions that were or would be sent: every status but SKIPPED. */
    long sendable() {
        return LISTED_ORDER.stream().mapToLong(this::count).sum();
    }

    /** A skip reason as a person reads it: {@code GRACE_PERIOD} is "grace period". */
    static String label(SkipReason reason) {
        return reason.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    static <E extends Enum<E>> Map<E, Long> counts(Class<E> type) {
        Map<E, Long> counts = new EnumMap<>(type);
        for (E value : type.getEnumConstants()) {
            counts.put(value, 0L);
        }
        return counts;
    }
}
