package dev.dspm.scanner.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The tenant's members, ordered by team_user_id (the order team.user.list serves). The list is replaced, never
 * changed, so a page is read from one consistent list without locking; mutations are rare and take a lock.
 */
final class TeamMembers {

    private final Object lock = new Object();
    private volatile List<TeamMember> sorted;

    TeamMembers(List<TeamMember> members) {
        List<TeamMember> copy = new ArrayList<>(members);
        copy.sort(Comparator.comparing(TeamMember::teamUserId));
        this.sorted = List.copyOf(copy);
    }

    List<TeamMember> all() {
        return sorted;
    }

    void setStatus(String teamUserId, String statusWire) {
        if (!ApiNames.USER_STATUSES.contains(statusWire)) {
            throw new IllegalArgumentException("not a user status: " + statusWire + "; one of " + ApiNames.USER_STATUSES);
        }
        synchronized (lock) {
            int at = indexOf(teamUserId);
            List<TeamMember> next = new ArrayList<>(sorted);
            next.set(at, next.get(at).withStatus(statusWire));
            sorted = List.copyOf(next);
        }
    }

    void add(TeamMember member) {
        synchronized (lock) {
            List<TeamMember> next = new ArrayList<>(sorted);
            next.add(member);
            next.sort(Comparator.comparing(TeamMember::teamUserId));
            sorted = List.copyOf(next);
        }
    }

    void remove(String teamUserId) {
        synchronized (lock) {
            List<TeamMember> next = new ArrayList<>(sorted);
            next.remove(indexOf(teamUserId));
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
