package dev.dspm.scanner.simulator;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Makes a tenant's members from its seed and its shares: every owner of a share is a member whose team_user_id is
 * the owner id, except a few owners who have no member at all (a client must count them as unmatched), and a few
 * members own nothing. Each trait is a quota over the owners in a seeded random order, at least one each once
 * there are owners enough, so even a small tenant shows every case a rule looks for. Its own random stream
 * leaves the shares exactly as they were before members existed.
 */
final class MemberFactory {

    static final String DOMAIN = "@acme.example";
    static final String GUEST_DOMAIN = "@partner.example";
    private static final long STREAM = 0x6D656D62657273L; // "members"
    private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    /** What sets a member apart; every other member is an ACTIVE MEMBER with a company email. */
    private enum Trait { ORDINARY, UNMATCHED, INACTIVE, REMOVED, OWNER, SUPER_ADMIN, ADMIN, GUEST, DELEGATED,
        NO_EMAIL, HOSTILE_NAME }

    private final SplittableRandom random;
    private final Set<String> emailsTaken = new HashSet<>();
    private int hostileCursor;

    private MemberFactory(long seed) {
        this.random = new SplittableRandom(seed ^ STREAM);
    }

    static List<TeamMember> generate(long seed, StoredShare[][] sharesByType) {
        Set<String> owners = new TreeSet<>();
        Set<String> publicOwners = new HashSet<>();
        for (StoredShare[] rows : sharesByType) {
            for (StoredShare share : rows) {
                owners.add(share.row().ownerId());
                if (share.row().rawScope() == Scope.PUBLIC) {
                    publicOwners.add(share.row().ownerId());
                }
            }
        }
        return new MemberFactory(seed).members(new ArrayList<>(owners), publicOwners);
    }

    private List<TeamMember> members(List<String> owners, Set<String> publicOwners) {
        shuffle(owners);
        // The first two traits go to owners of a public share: an INACTIVE one and a GUEST one.
        moveToFront(owners, publicOwners, 2);
        List<Trait> plan = plan(owners.size());
        List<TeamMember> members = new ArrayList<>();
        Set<String> delegatedIds = new HashSet<>();
        for (int i = 0; i < owners.size(); i++) {
            Trait trait = i < plan.size() ? plan.get(i) : Trait.ORDINARY;
            if (trait == Trait.DELEGATED) {
                delegatedIds.add(owners.get(i));
            }
            if (trait != Trait.UNMATCHED) {
                members.add(member(owners.get(i), trait));
            }
        }
        int ownNothing = quota(owners.size(), 0.05);
        Set<String> taken = new HashSet<>(owners);
        for (int i = 0; i < ownNothing; i++) {
            String id = newId(taken);
            // One departed member who left nothing behind: a rule must not flag them.
            members.add(member(id, i == 0 ? Trait.INACTIVE : Trait.ORDINARY));
        }
        return handOver(members, delegatedIds);
    }

    /** The traits in the order they are dealt; the rest of the owners are ORDINARY. */
    private static List<Trait> plan(int owners) {
        List<Trait> plan = new ArrayList<>(List.of(Trait.INACTIVE, Trait.GUEST, Trait.OWNER));
        add(plan, Trait.UNMATCHED, quota(owners, 0.03));
        add(plan, Trait.INACTIVE, quota(owners, 0.04) - 1);
        add(plan, Trait.REMOVED, quota(owners, 0.03));
        add(plan, Trait.GUEST, quota(owners, 0.08) - 1);
        add(plan, Trait.SUPER_ADMIN, quota(owners, 0.01));
        add(plan, Trait.ADMIN, quota(owners, 0.03));
        add(plan, Trait.DELEGATED, quota(owners, 0.03));
        add(plan, Trait.NO_EMAIL, quota(owners, 0.02));
        add(plan, Trait.HOSTILE_NAME, quota(owners, 0.03));
        return plan;
    }

    private TeamMember member(String id, Trait trait) {
        String name = trait == Trait.HOSTILE_NAME
                ? NamePool.HOSTILE.get(hostileCursor++ % NamePool.HOSTILE.size())
                : NamePool.person(random);
        String email = trait == Trait.NO_EMAIL ? null
                : uniqueLocalPart(name) + (trait == Trait.GUEST ? GUEST_DOMAIN : DOMAIN);
        String status = switch (trait) {
            case INACTIVE -> ApiNames.USER_STATUS_INACTIVE;
            case REMOVED -> ApiNames.USER_STATUS_REMOVED;
            default -> ApiNames.USER_STATUS_ACTIVE;
        };
        String role = switch (trait) {
            case OWNER -> ApiNames.ROLE_OWNER;
            case SUPER_ADMIN -> ApiNames.ROLE_SUPER_ADMIN;
            case ADMIN -> ApiNames.ROLE_ADMIN;
            case GUEST -> ApiNames.ROLE_GUEST;
            default -> ApiNames.ROLE_MEMBER;
        };
        return new TeamMember(id, email, name, status, role, null, null);
    }

    /**
     * Turns the delegated owners' members into profiles handed to an active colleague: the profile takes a
     * delegate address, and keeps the departed member's own as original_email.
     */
    private List<TeamMember> handOver(List<TeamMember> members, Set<String> delegatedIds) {
        List<TeamMember> colleagues = members.stream()
                .filter(m -> m.status().equals(ApiNames.USER_STATUS_ACTIVE) && m.email() != null
                        && m.email().endsWith(DOMAIN) && !delegatedIds.contains(m.teamUserId()))
                .toList();
        List<TeamMember> result = new ArrayList<>(members.size());
        for (TeamMember member : members) {
            if (delegatedIds.contains(member.teamUserId()) && !colleagues.isEmpty()) {
                String colleague = colleagues.get(random.nextInt(colleagues.size())).email();
                String delegate = ApiNames.DELEGATE_EMAIL_PREFIX + randomId(10) + ApiNames.DELEGATE_EMAIL_DOMAIN;
                result.add(new TeamMember(member.teamUserId(), delegate, member.userName(), member.status(),
                        member.role(), colleague, member.email()));
            } else {
                result.add(member);
            }
        }
        return result;
    }

    /** "ann.smith" from "Ann Smith" (accents dropped), "member", "member2"… for a name without Latin letters (or too long); never reused. */
    private String uniqueLocalPart(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z ]", "").trim().replaceAll(" +", ".");
        String base = ascii.isEmpty() || ascii.length() > 40 ? "member" : ascii;
        String local = base;
        for (int n = 2; !emailsTaken.add(local); n++) {
            local = base + n;
        }
        return local;
    }

    private String newId(Set<String> taken) {
        while (true) {
            String id = "usr_" + randomId(16);
            if (taken.add(id)) {
                return id;
            }
        }
    }

    private String randomId(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ID_ALPHABET[random.nextInt(ID_ALPHABET.length)];
        }
        return new String(out);
    }

    private void shuffle(List<String> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, random.nextInt(i + 1));
        }
    }

    private static void moveToFront(List<String> owners, Set<String> wanted, int count) {
        int front = 0;
        for (int i = 0; i < owners.size() && front < count; i++) {
            if (wanted.contains(owners.get(i))) {
                owners.add(front++, owners.remove(i));
            }
        }
    }

    /** At least one, once there are owners at all. */
    private static int quota(int owners, double fraction) {
        return owners == 0 ? 0 : Math.max(1, (int) Math.round(owners * fraction));
    }

    private static void add(List<Trait> plan, Trait trait, int times) {
        for (int i = 0; i < times; i++) {
            plan.add(trait);
        }
    }
}
