package dev.dspm.scanner.findings;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.snapshot.RunRecords;
import dev.dspm.scanner.snapshot.Runs;

/** The run the evaluation judges, as its steps see it, and its judgement undone for a re-judge. */
@Component
public class JudgedRuns {

    private final JdbcClient jdbc;
    private final Runs runs;

    JudgedRuns(JdbcClient jdbc, Runs runs) {
        this.jdbc = jdbc;
        this.runs = runs;
    }

    JudgedRun find(long runId) {
        Runs.Run run = runs.find(runId).filter(Runs.Run::sealed)
                .orElseThrow(() -> new IllegalStateException("run " + runId + " has no sealed snapshot to judge"));
        return new JudgedRun(runId, run.tenant(), run.startedAt(), run.scope().narrowed(),
                runs.previousJudged(run.tenant(), runId));
    }

    /** The run's judgement undone, for it to be judged again: its findings, pack and waivers. */
    void forget(long runId) {
        for (String table : RunRecords.tables(RunRecords.Stage.JUDGEMENT)) {
            jdbc.sql("DELETE FROM " + table + " WHERE run_id = ?").param(runId).update();
        }
        runs.unjudged(runId);
    }

    void judged(long runId, Instant at) {
        runs.judged(runId, at);
    }
}
