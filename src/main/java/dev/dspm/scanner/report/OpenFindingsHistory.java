package dev.dspm.scanner.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each judged run's open findings as its own report counted them ({@code run_open_findings}), so that a report's history
 * does not count every kept run's findings again. A run its report never recorded is counted from its findings.
 */
@Component
class OpenFindingsHistory {

    private final JdbcClient jdbc;

    OpenFindingsHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The open findings of each of these runs; a run with none is absent. */
    Map<Long, Long> of(List<Long> runIds) {
        Map<Long, Long> open = new HashMap<>();
        if (runIds.isEmpty()) {
            return open;
        }
        jdbc.sql("SELECT run_id, open_findings FROM run_open_findings WHERE run_id IN (" + in(runIds) + ")").params(runIds)
                .query(rs -> {
                    open.put(rs.getLong(1), rs.getLong(2));
                });
        List<Long> unrecorded = runIds.stream().filter(id -> !open.containsKey(id)).toList();
        if (!unrecorded.isEmpty()) {
            jdbc.sql("SELECT run_id, COUNT(*) FROM finding WHERE run_id IN (" + in(unrecorded) + ") "
                    + "AND status IN ('NEW', 'OPEN') GROUP BY run_id").params(unrecorded)
                    .query(rs -> {
                        open.put(rs.getLong(1), rs.getLong(2));
                    });
        }
        return open;
    }

    /** Tonight's count, written with the report: a re-judged run's report writes it again. */
    void record(long runId, long open) {
        jdbc.sql("DELETE FROM run_open_findings WHERE run_id = ?").param(runId).update();
        jdbc.sql("INSERT INTO run_open_findings (run_id, open_findings) VALUES (?, ?)").params(runId, open).update();
    }

    private static String in(List<Long> ids) {
        return ids.stream().map(id -> "?").collect(Collectors.joining(", "));
    }
}
