package dev.dspm.scanner.policy.waiver;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.dspm.scanner.policy.PolicyLoadException;
import dev.dspm.scanner.policy.Share;
import dev.dspm.scanner.policy.YamlFile;

/**
 * The waivers of {@code policies/exceptions.yaml}, indexed for a look-up per finding: by share uid and by
 * owner id in hash maps, name prefixes (few) by a scan of their list.
 */
public final class Waivers {

    public static final String FILE = "exceptions.yaml";

    private final List<Waiver> all;
    private final Map<String, List<Waiver>> byUid = new HashMap<>();
    private final Map<String, List<Waiver>> byOwner = new HashMap<>();
    private final List<Prefix> prefixes = new ArrayList<>();

    private record Prefix(String lowerCased, Waiver waiver) {
    }

    private Waivers(List<Waiver> all) {
        this.all = List.copyOf(all);
        for (Waiver waiver : all) {
            switch (waiver.matchBy()) {
                case SHARE_UID -> byUid.computeIfAbsent(waiver.value(), uid -> new ArrayList<>()).add(waiver);
                case OWNER_ID -> byOwner.computeIfAbsent(waiver.value(), owner -> new ArrayList<>()).add(waiver);
                case NAME_PREFIX -> prefixes.add(new Prefix(waiver.value().toLowerCase(Locale.ROOT), waiver));
            }
        }
    }

    /**
     * The waivers of {@code policiesDir/exceptions.yaml}, none if there is no such file. Every problem (not
     * YAML, a missing, empty, unknown or repeated field, not exactly one match, a policy not in
     * {@code policyIds} nor "*", a bad date, the same waiver twice) is thrown at once.
     *
     * @throws PolicyLoadException one {@code file:line: } line per problem
     */
    public static Waivers load(Path policiesDir, Set<String> policyIds) {
        return new Waivers(WaiverFile.read(policiesDir.resolve(FILE), policyIds));
    }

    /** Every waiver, in file order. */
    public List<Waiver> all() {
        return all;
    }

    /**
     * A problem line for each waiver that is new (its key is not in {@code knownKeys}) yet already expired at
     * {@code now}: a past date on an entry just written is a mistake, not a waiver that ran its course.
     */
    public List<String> expiredOnArrival(Instant now, Set<String> knownKeys) {
        return all.stream().filter(waiver -> !knownKeys.contains(waiver.key()) && !waiver.activeAt(now))
                .map(waiver -> YamlFile.of(waiver.file()).at(waiver.line()) + "this new waiver expired on "
                        + waiver.expires() + " (it applies through that day, UTC) before any run used it; set expires"
                        + " to a day from today on, or remove the entry")
                .toList();
    }

    /**
     * The waiver that applies to {@code share}'s finding of {@code policyId} at {@code now}: an active one if
     * any matches, else an expired one, else none. Among several: active before expired, then by share uid
     * before owner id before name prefix, then the later expiry, then the earlier in the file.
     */
    public Optional<WaiverMatch> match(Share share, String policyId, Instant now) {
        if (all.isEmpty()) {
            return Optional.empty();
        }
        Pick pick = new Pick(policyId, now);
        pick.consider(byUid.get(share.uid()));
        if (share.ownerId() != null) {
            pick.consider(byOwner.get(share.ownerId()));
        }
        if (!prefixes.isEmpty() && share.assetName() != null) {
            String name = share.assetName().toLowerCase(Locale.ROOT);
            for (Prefix prefix : prefixes) {
                if (name.startsWith(prefix.lowerCased())) {
                    pick.consider(prefix.waiver());
                }
            }
        }
        return pick.waiver == null ? Optional.empty() : Optional.of(new WaiverMatch(pick.waiver, pick.active));
    }

    private static final class Pick {
        private final String policyId;
        private final Instant now;
        private Waiver waiver;
        private boolean active;

        Pick(String policyId, Instant now) {
            this.policyId = policyId;
            this.now = now;
        }

        void consider(List<Waiver> candidates) {
            if (candidates != null) {
                candidates.forEach(this::consider);
            }
        }

        void consider(Waiver candidate) {
            if (!candidate.covers(policyId)) {
                return;
            }
            boolean candidateActive = candidate.activeAt(now);
            if (waiver == null || outranks(candidate, candidateActive)) {
                waiver = candidate;
                active = candidateActive;
            }
        }

        private boolean outranks(Waiver candidate, boolean candidateActive) {
            if (candidateActive != active) {
                return candidateActive;
            }
            if (candidate.matchBy() != waiver.matchBy()) {
                return candidate.matchBy().ordinal() < waiver.matchBy().ordinal();
            }
            return candidate.expires().isAfter(waiver.expires());
        }
    }
}
