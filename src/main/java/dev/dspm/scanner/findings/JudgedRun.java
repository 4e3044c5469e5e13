package dev.dspm.scanner.findings;

import java.time.Instant;
import java.util.Optional;

import dev.dspm.scanner.snapshot.ScanScope;

/**
 * The run whose snapshot is judged: its tenant, when it was taken (the rules' "now"), whether its listings were
 * narrowed by a keyword or a window (then a share missing from one proves nothing: {@link ScanScope#narrowed()}), and
 * the tenant's run judged before it, whose findings this one carries forward or resolves.
 */
record JudgedRun(long runId, String tenant, Instant startedAt, boolean narrowed, Optional<Long> previous) {
}
