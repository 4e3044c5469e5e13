package dev.dspm.scanner.findings;

import java.util.EnumMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.policy.Severity;

/** Counts a run's findings in one grouped query. */
@Component
public class FindingCounter {

    /** Counted from H2's index of these columns (V18): see FindingCountsIndexTests. */
    static final String COUNTS = "SELECT severity, status, COUNT(*) FROM finding WHERE run_id = ? GROUP BY severity, status";

    private final JdbcClient jdbc;

    FindingCounter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public FindingCounts of(long runId) {
        Map<Severity, Map<FindingStatus, Long>> counts = new EnumMap<>(Severity.class);
        jdbc.sql(COUNTS).param(runId)
                .query(rs -> {
                    counts.computeIfAbsent(Severity.valueOf(rs.getString(1)), s -> new EnumMap<>(FindingStatus.class))
                            .put(FindingStatus.valueOf(rs.getString(2)), rs.getLong(3));
                });
        return new FindingCounts(counts);
    }
}
