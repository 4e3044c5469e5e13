package dev.dspm.scanner.policy;

import java.time.Instant;
import java.util.Optional;

/**
 * The run whose snapshot is judged: its tenant, when it was taken (the rules' "now"), whether its scan was
 * filtered (then a share missing from it proves nothing), and the tenant's run judged before it, whose
 * findings this one carries forward or resolves.
 */
record JudgedRun(long runId, String tenant, Instant startedAt, boolean filtered, Optional<Long> previous) {
}
