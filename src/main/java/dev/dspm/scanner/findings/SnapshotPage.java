package dev.dspm.scanner.findings;

import java.util.List;

import dev.dspm.scanner.policy.Share;

/**
 * About a thousand shares of a snapshot, in uid order: every uid is above {@code after} and at most the last
 * share's. The bounds let the run's earlier findings for exactly these shares be read in one range scan.
 */
record SnapshotPage(String after, List<Share> shares) {

    String last() {
        return shares.get(shares.size() - 1).uid();
    }
}
