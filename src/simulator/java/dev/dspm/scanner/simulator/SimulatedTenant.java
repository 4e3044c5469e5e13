package dev.dspm.scanner.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.UnaryOperator;

/**
 * The tenant's shares and team members, thread-safe and mutable. Deterministic: the same spec gives the same shares,
 * byte for byte. Rows of each type sit in list order in an array that is replaced, never changed, so a
 * page is served from one consistent view without locking; mutations are rare and take a lock.
 */
public final class SimulatedTenant {

    private final Object lock = new Object();
    private final Map<String, StoredShare> byUid;
    private final Map<String, Scope> overrides = new ConcurrentHashMap<>();
    private final AtomicReferenceArray<Scope> globalControl = new AtomicReferenceArray<>(ShareType.values().length);
    private final List<AuditEntry> auditLog = new ArrayList<>();
    private final ShareFactory factory;
    private final JsonBuffer scratch = new JsonBuffer(4096);
    private final TeamMembers members;
    private long nextAddedAt = ShareFactory.REFERENCE_EPOCH_SECOND;
    private volatile State state;

    /** All rows by type ordinal, plus the version they belong to, published together. */
    private record State(StoredShare[][] byType, long version) {
    }

    /** One type's rows in list order, and the tenant version they were read at. */
    record RowsView(StoredShare[] rows, long version) {
    }

    enum UpdateOutcome { APPLIED, NOT_FOUND, STALE }

    private SimulatedTenant(TenantSpec spec) {
        int total = spec.sharesPerType().values().stream().mapToInt(Integer::intValue).sum();
        // Sized up front: rehashing a million entries while generating costs seconds.
        this.byUid = new ConcurrentHashMap<>(Math.max(16, total + total / 3));
        this.factory = new ShareFactory(spec, byUid::containsKey);
        for (ShareType type : ShareType.values()) {
            globalControl.set(type.ordinal(), Scope.PUBLIC);
        }
        StoredShare[][] byType = new StoredShare[ShareType.values().length][];
        for (ShareType type : ShareType.values()) {
            StoredShare[] rows = new StoredShare[spec.sharesOf(type)];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = store(factory.historic(type));
            }
            ListOrder.sort(rows);
            byType[type.ordinal()] = rows;
        }
        state = new State(byType, 0);
        members = new TeamMembers(MemberFactory.generate(spec.seed(), byType));
    }

    public static SimulatedTenant generate(TenantSpec spec) {
        return new SimulatedTenant(spec);
    }

    /** What team.asset.list would return right now for this type with no filters, in list order, effective permission applied. */
    public List<ListedShare> listed(String assetTypeWireName) {
        StoredShare[] rows = view(ShareType.require(assetTypeWireName)).rows();
        List<ListedShare> listed = new ArrayList<>(rows.length);
        for (StoredShare share : rows) {
            listed.add(share.toListed(maxOf(share)));
        }
        return listed;
    }

    public int size(String assetTypeWireName) {
        return view(ShareType.require(assetTypeWireName)).rows().length;
    }

    /** Distinct owners of the current shares, sorted. */
    public List<String> ownerIds() {
        TreeSet<String> owners = new TreeSet<>();
        for (StoredShare[] rows : state.byType()) {
            for (StoredShare share : rows) {
                owners.add(share.row().ownerId());
            }
        }
        return List.copyOf(owners);
    }

    /**
     * The members team.user.list serves, ordered by team_user_id. Each share's owner_id is a member's team_user_id,
     * except for a few owners without a member; some members own nothing.
     */
    public List<TeamMember> members() {
        return members.all();
    }

    /** Sets a member's status (USER_STATUS_ACTIVE, _INACTIVE or _REMOVED), as an admin would. */
    public void setMemberStatus(String teamUserId, String statusWire) {
        members.setStatus(teamUserId, statusWire);
    }

    /**
     * Puts a new member on team.user.list, in its place by team_user_id: one that sorts first shifts every later member
     * one place, so a listing paged by offset meanwhile hands the member before its next page over again.
     */
    public void addMember(TeamMember member) {
        members.add(member);
    }

    /** Takes the member off team.user.list altogether, so that the shares it owns have an unmatched owner. */
    public void removeMember(String teamUserId) {
        members.remove(teamUserId);
    }

    /** The team's global asset control for a type; it caps every share without an override. Default SHARE_SCOPE_PUBLIC (no cap). */
    public void setGlobalControl(String assetTypeWireName, String shareScopeWireName) {
        ShareType type = ShareType.require(assetTypeWireName);
        Scope scope = Scope.requireRequestable(shareScopeWireName);
        synchronized (lock) {
            globalControl.set(type.ordinal(), scope);
            publish(state.byType());
        }
    }

    /**
     * Issues a new share now (by the wall clock, as a user would mid-scan), newer than all others, so it
     * lands at offset 0 of the list order; returns its uid.
     */
    public String addShare(String assetTypeWireName) {
        ShareType type = ShareType.require(assetTypeWireName);
        synchronized (lock) {
            nextAddedAt = Math.max(nextAddedAt, Instant.now().getEpochSecond());
            StoredShare share = store(factory.create(type, nextAddedAt++));
            StoredShare[] old = state.byType()[type.ordinal()];
            StoredShare[] rows = new StoredShare[old.length + 1];
            rows[0] = share;
            System.arraycopy(old, 0, rows, 1, old.length);
            publish(replaced(type, rows));
            return share.uid();
        }
    }

    /**
     * Issues a public share under {@code uid}, which may be any text (CR, LF, ESC, bidi controls: what a hostile or
     * broken server hands out), at a time in the past like the generated ones, so that every listing pinned to a run's
     * start holds it; returns its uid.
     */
    public String addShare(String assetTypeWireName, String uid) {
        ShareType type = ShareType.require(assetTypeWireName);
        synchronized (lock) {
            if (byUid.containsKey(uid)) {
                throw new IllegalArgumentException("a share with uid " + uid + " exists");
            }
            ShareRow made = factory.historic(type);
            StoredShare share = store(new ShareRow(uid, type, made.assetName(), made.assetId(), made.sharedAt(),
                    made.lastOperatedAt(), made.ownerId(), made.sessionId(), true, type.publicV1(), false, false));
            StoredShare[] old = state.byType()[type.ordinal()];
            StoredShare[] rows = Arrays.copyOf(old, old.length + 1);
            rows[old.length] = share;
            ListOrder.sort(rows);
            publish(replaced(type, rows));
            return uid;
        }
    }

    /** Deletes the share row (not merely the asset: that would be a stale share). */
    public void removeShare(String uid) {
        synchronized (lock) {
            StoredShare share = byUid.remove(uid);
            if (share == null) {
                throw new IllegalArgumentException("no share with uid " + uid);
            }
            ShareType type = share.row().type();
            StoredShare[] old = state.byType()[type.ordinal()];
            StoredShare[] rows = Arrays.stream(old).filter(s -> s != share).toArray(StoredShare[]::new);
            publish(replaced(type, rows));
        }
    }

    /** Renames the shared asset, as its owner may between two nights: the share keeps its uid and its place in the list. */
    public void rename(String uid, String assetName) {
        replace(uid, r -> new ShareRow(uid, r.type(), assetName, r.assetId(), r.sharedAt(), r.lastOperatedAt(), r.ownerId(),
                r.sessionId(), r.assetExists(), r.raw(), r.futureScope(), r.extraField()));
    }

    /** Deletes the shared asset but not its share, which is then listed stale (asset_exists false) in its place. */
    public void deleteAsset(String uid) {
        replace(uid, r -> new ShareRow(uid, r.type(), r.assetName(), r.assetId(), r.sharedAt(), r.lastOperatedAt(),
                r.ownerId(), r.sessionId(), false, r.raw(), r.futureScope(), r.extraField()));
    }

    private void replace(String uid, UnaryOperator<ShareRow> change) {
        synchronized (lock) {
            StoredShare share = byUid.get(uid);
            if (share == null) {
                throw new IllegalArgumentException("no share with uid " + uid);
            }
            ShareType type = share.row().type();
            StoredShare changed = store(change.apply(share.row()));
            StoredShare[] rows = state.byType()[type.ordinal()].clone();
            rows[Arrays.asList(rows).indexOf(share)] = changed;
            publish(replaced(type, rows));
        }
    }

    /** The scope update_scope set on this share, if any, as a wire name. */
    public Optional<String> overrideOf(String uid) {
        return Optional.ofNullable(overrides.get(uid)).map(Scope::wire);
    }

    /** Bumps on every mutation, so callers can key caches on it. */
    public long version() {
        return state.version();
    }

    /** Every successful update_scope, oldest first. */
    public List<AuditEntry> auditLog() {
        synchronized (lock) {
            return List.copyOf(auditLog);
        }
    }

    RowsView view(ShareType type) {
        State current = state;
        return new RowsView(current.byType()[type.ordinal()], current.version());
    }

    /** The cap: an admin override always wins over the team's global control. */
    Scope maxOf(StoredShare share) {
        Scope override = overrides.get(share.uid());
        return override != null ? override : globalControl.get(share.row().type().ordinal());
    }

    UpdateOutcome override(String uid, Scope scope, String note) {
        synchronized (lock) {
            StoredShare share = byUid.get(uid);
            if (share == null) {
                return UpdateOutcome.NOT_FOUND;
            }
            if (!share.row().assetExists()) {
                return UpdateOutcome.STALE;
            }
            overrides.put(uid, scope);
            auditLog.add(new AuditEntry(uid, scope.wire(), note));
            publish(state.byType());
            return UpdateOutcome.APPLIED;
        }
    }

    private StoredShare store(ShareRow row) {
        StoredShare share = StoredShare.of(row, scratch);
        byUid.put(share.uid(), share);
        return share;
    }

    private StoredShare[][] replaced(ShareType type, StoredShare[] rows) {
        StoredShare[][] byType = state.byType().clone();
        byType[type.ordinal()] = rows;
        return byType;
    }

    private void publish(StoredShare[][] byType) {
        state = new State(byType, state.version() + 1);
    }
}
