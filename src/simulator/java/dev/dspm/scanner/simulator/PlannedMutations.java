package dev.dspm.scanner.simulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/** Tenant mutations due at a given passing list request. Guarded by the {@link Faults} lock. */
final class PlannedMutations {

    private record Planned(long atListRequest, Consumer<SimulatedTenant> mutation) {
    }

    private final List<Planned> planned = new ArrayList<>();
    private long passedListRequests;

    void planAt(int nthFromNow, Consumer<SimulatedTenant> mutation) {
        planned.add(new Planned(passedListRequests + nthFromNow, mutation));
    }

    /** Counts one more passing list request and hands over what is due at it, in planning order. */
    List<Consumer<SimulatedTenant>> nextListRequest() {
        passedListRequests++;
        if (planned.isEmpty()) {
            return List.of();
        }
        List<Consumer<SimulatedTenant>> due = new ArrayList<>();
        for (Iterator<Planned> it = planned.iterator(); it.hasNext(); ) {
            Planned next = it.next();
            if (next.atListRequest() == passedListRequests) {
                due.add(next.mutation());
                it.remove();
            }
        }
        return due;
    }

    void clear() {
        planned.clear();
    }
}
