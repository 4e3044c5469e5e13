package dev.dspm.scanner.findings;

import java.util.List;

import dev.dspm.scanner.policy.Share;

/** About a thousand shares of a snapshot, in the order they are stored (not in uid order). */
record SnapshotPage(List<Share> shares) {
}
