package dev.dspm.scanner.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The tenant's members, ordered by team_user_id (the order team.user.list serves). The list is replaced, never
 * changed, so a page is read from one consistent list without locking; mutations are rare and take a lock.
 */
final class TeamMembers {

    private static final Comparator<TeamMember> BY_ID = Comparator.comparing(TeamMember::teamUserId);

    private final Object lock = new Object();
    private volatile List<TeamMember> sorted;

    TeamMembers(List<TeamMember> members) {
        List<TeamMember> copy = new ArrayList<>(members);
        copy.sort(BY_ID);
        this.sorted = List.copyOf(copy);
    }

    List<TeamMember> all() {
        return sorted;
    }

    void setStatus(String teamUserId, String statusWire) {
        if (!ApiNames.USER_STATUSES.contains(statusWire)) {
            throw new IllegalArgumentException("not a user status: " + statusWire + "; one of " + ApiNames.USER_STATUSES);
        }
        change(next -> {
            int at = indexOf(teamUserId);
            next.set(at, next.get(at).withStatus(statusWire));
        });
    }

    void add(TeamMember member) {
        change(next -> next.add(member));
    }

    void remove(String teamUserId) {
        change(next -> next.remove(indexOf(teamUserId)));
    }

    /** Applies the change to a copy of the list, and serves the copy in team_user_id order from then on. */
    private void change(Consumer<List<TeamMember>> edit) {
        synchronized (lock) {
            List<TeamMember> next = new ArrayList<>(sorted);
            edit.accept(next);
            next.sort(BY_ID);
            sorted = List.copyOf(next);
        }
    }

    private int indexOf(String teamUserId) {
        List<TeamMember> current = sorted;
        for (int i = 0; i < current.size(); i++) {
            if (current.get(i).teamUserId().equals(teamUserId)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no member with team_user_id " + teamUserId);
    }
}
