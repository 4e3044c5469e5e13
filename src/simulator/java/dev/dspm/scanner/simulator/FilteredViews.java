package dev.dspm.scanner.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows matching a filter, kept for the next pages: a client pages a filtered list page after page,
 * and scanning a million rows for each would make the simulator the bottleneck. Entries are keyed by
 * tenant version, so a mutation makes them unreachable and they age out of the small LRU.
 */
final class FilteredViews {

    private static final int CAPACITY = 64;

    private record Key(ShareType type, ListFilter filter, long version) {
    }

    private final Map<Key, StoredShare[]> cache = new LinkedHashMap<>(CAPACITY * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, StoredShare[]> eldest) {
            return size() > CAPACITY;
        }
    };

    StoredShare[] matching(ShareType type, ListFilter filter, SimulatedTenant.RowsView view) {
        if (filter.isEmpty()) {
            return view.rows();
        }
        Key key = new Key(type, filter, view.version());
        synchronized (cache) {
            StoredShare[] cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        // Computed outside the lock: two racing first pages both scan, which is harmless.
        List<StoredShare> matches = new ArrayList<>();
        for (StoredShare share : view.rows()) {
            if (filter.matches(share)) {
                matches.add(share);
            }
        }
        StoredShare[] result = matches.toArray(StoredShare[]::new);
        synchronized (cache) {
            cache.put(key, result);
        }
        return result;
    }
}
