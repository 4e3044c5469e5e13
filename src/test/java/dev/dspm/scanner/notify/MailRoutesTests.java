package dev.dspm.scanner.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Each new finding in exactly one mailbox, by the rules the README states, with the lists bounded and counts whole. */
class MailRoutesTests {

    @Test
    void ownersTheirColleaguesTheFallbackAndTheDigest() {
        MailRoutes routes = new MailRoutes(true, true);
        routes.add(owned(1, "Ann@Acme.Example", "ACTIVE", null));
        routes.add(owned(2, "ann@acme.example", "ACTIVE", null));
        routes.add(owned(3, "delegate-x@manus.im", "ACTIVE", "bo@acme.example"));
        routes.add(owned(4, "cy@acme.example", "INACTIVE", null));
        routes.add(owned(5, "di@acme.example", "REMOVED", null));
        routes.add(owned(6, null, null, null));
        routes.add(owned(7, "eve@acme.example, mallory@evil.example", "ACTIVE", null));
        routes.add(owned(8, null, "ACTIVE", null));
        routes.add(owned(9, "fay@acme.example", "UNKNOWN", null));

        assertThat(routes.owners()).containsOnlyKeys("ann@acme.example", "bo@acme.example", "fay@acme.example");
        assertThat(uids(routes.owners().get("ann@acme.example"))).containsExactly("shr_1", "shr_2");
        assertThat(uids(routes.owners().get("bo@acme.example"))).containsExactly("shr_3");
        assertThat(uids(routes.departed())).containsExactly("shr_4", "shr_5");
        assertThat(uids(routes.digest())).containsExactly("shr_6", "shr_7", "shr_8");
        assertThat(routes.toOwners()).isEqualTo(4);
    }

    @Test
    void withoutOwnersOrAFallbackEverythingGoesWhereItCan() {
        MailRoutes digestOnly = new MailRoutes(false, false);
        MailRoutes noFallback = new MailRoutes(true, false);
        for (NewFinding finding : List.of(owned(1, "ann@acme.example", "ACTIVE", null), owned(2, "cy@acme.example", "INACTIVE", null))) {
            digestOnly.add(finding);
            noFallback.add(finding);
        }

        assertThat(digestOnly.owners()).isEmpty();
        assertThat(uids(digestOnly.digest())).containsExactly("shr_1", "shr_2");
        assertThat(uids(noFallback.owners().get("ann@acme.example"))).containsExactly("shr_1");
        assertThat(uids(noFallback.digest())).containsExactly("shr_2");
        assertThat(noFallback.departed().total()).isZero();
    }

    @Test
    void aMailboxListsItsFirstFindingsAndCountsThemAll() {
        MailRoutes routes = new MailRoutes(true, true);
        for (int i = 0; i < MailRoutes.OWNER_LISTED + 5; i++) {
            routes.add(owned(i, "ann@acme.example", "ACTIVE", null));
        }
        for (int i = 0; i < MailRoutes.DIGEST_LISTED + 7; i++) {
            routes.add(owned(i, null, null, null));
        }

        MailRoutes.Bucket ann = routes.owners().get("ann@acme.example");
        assertThat(ann.listed()).hasSize(MailRoutes.OWNER_LISTED);
        assertThat(ann.total()).isEqualTo(MailRoutes.OWNER_LISTED + 5);
        assertThat(routes.digest().listed()).hasSize(MailRoutes.DIGEST_LISTED);
        assertThat(routes.digest().total()).isEqualTo(MailRoutes.DIGEST_LISTED + 7);
    }

    private static NewFinding owned(int i, String email, String status, String delegatedTo) {
        NewFinding finding = NotifySamples.finding(i, "file-" + i, email);
        return new NewFinding(finding.shareUid(), finding.assetType(), finding.assetName(), finding.ownerId(), email, status,
                delegatedTo, finding.permission(), finding.policyId(), finding.title(), finding.rationale(),
                finding.severity(), finding.recommendedScope(), finding.firstSeen(), finding.actOn());
    }

    private static List<String> uids(MailRoutes.Bucket bucket) {
        return bucket.listed().stream().map(NewFinding::shareUid).toList();
    }
}
