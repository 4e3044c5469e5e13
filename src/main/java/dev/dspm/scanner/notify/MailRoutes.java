package dev.dspm.scanner.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Who receives each new finding by email, so that each goes to exactly one mailbox: its owner (a delegated profile's
 * colleague, who now holds its shares), the fallback address for owners who left the team, or else the security
 * team's digest (owner unknown, owners not emailed, no usable address). An owner's mail never holds another's share.
 */
final class MailRoutes {

    /** Findings listed in one owner's email; more are counted, and the report lists them. */
    static final int OWNER_LISTED = 100;
    /** Findings listed in the digest and the fallback's email. */
    static final int DIGEST_LISTED = 200;

    /** One recipient's findings: the first {@code limit} listed worst first, all counted. */
    static final class Bucket {
        private final int limit;
        private final List<NewFinding> listed = new ArrayList<>();
        private long total;

        Bucket(int limit) {
            this.limit = limit;
        }

        void add(NewFinding finding) {
            if (listed.size() < limit) {
                listed.add(finding);
            }
            total++;
        }

        List<NewFinding> listed() {
            return listed;
        }

        long total() {
            return total;
        }
    }

    private final boolean owners;
    private final boolean fallback;
    private final Map<String, Bucket> byOwner = new TreeMap<>();
    private final Bucket departed = new Bucket(DIGEST_LISTED);
    private final Bucket digest = new Bucket(DIGEST_LISTED);

    /**
     * @param owners   whether owners are emailed ({@code dspm.notify.email.owners})
     * @param fallback whether departed owners' findings have an address of their own ({@code email.fallback-to})
     */
    MailRoutes(boolean owners, boolean fallback) {
        this.owners = owners;
        this.fallback = fallback;
    }

    void add(NewFinding finding) {
        if (!owners || finding.ownerStatus() == null) {
            digest.add(finding);
        } else if (finding.ownerDelegatedTo() != null) {
            // a departed member's profile handed to a colleague: the colleague holds the shares now
            route(Addresses.bare(finding.ownerDelegatedTo()), finding);
        } else if (finding.ownerDeparted()) {
            (fallback ? departed : digest).add(finding);
        } else {
            route(Addresses.bare(finding.ownerEmail()), finding);
        }
    }

    private void route(Optional<String> address, NewFinding finding) {
        if (address.isPresent()) {
            byOwner.computeIfAbsent(address.get(), a -> new Bucket(OWNER_LISTED)).add(finding);
        } else {
            digest.add(finding);
        }
    }

    /** Each owner's address and findings, in address order. */
    Map<String, Bucket> owners() {
        return byOwner;
    }

    Bucket departed() {
        return departed;
    }

    Bucket digest() {
        return digest;
    }

    long toOwners() {
        return byOwner.values().stream().mapToLong(Bucket::total).sum();
    }
}
