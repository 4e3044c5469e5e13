package dev.dspm.scanner.simulator;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the faults make of one request: drop it, fail it with a status, let it through, let it through
 * and then withhold the answer for {@code withheldFor} and close the connection, or let it through and then answer
 * it with the failure {@code status}; any but the first
 * possibly late, and a passing list request possibly after mutating the tenant.
 */
record FaultDecision(Kind kind, int status, int retryAfterSeconds, Duration delay,
                     List<Consumer<SimulatedTenant>> mutations, Duration withheldFor) {

    enum Kind { DROP, FAIL, PASS, WITHHOLD, APPLY_THEN_FAIL }

    /** No Retry-After header; a 429 always carries one, even 0. */
    static final int NO_RETRY_AFTER = -1;

    static final FaultDecision DROP = new FaultDecision(Kind.DROP, 0, NO_RETRY_AFTER, Duration.ZERO, List.of(),
            Duration.ZERO);

    static FaultDecision fail(int status, int retryAfterSeconds, Duration delay) {
        return new FaultDecision(Kind.FAIL, status, retryAfterSeconds, delay, List.of(), Duration.ZERO);
    }

    static FaultDecision pass(Duration delay, List<Consumer<SimulatedTenant>> mutations) {
        return new FaultDecision(Kind.PASS, 0, NO_RETRY_AFTER, delay, mutations, Duration.ZERO);
    }

    static FaultDecision applyThenFail(int status, Duration delay) {
        return new FaultDecision(Kind.APPLY_THEN_FAIL, status, NO_RETRY_AFTER, delay, List.of(), Duration.ZERO);
    }

    static FaultDecision withhold(Duration delay, Duration withheldFor) {
        return new FaultDecision(Kind.WITHHOLD, 0, NO_RETRY_AFTER, delay, List.of(), withheldFor);
    }
}
