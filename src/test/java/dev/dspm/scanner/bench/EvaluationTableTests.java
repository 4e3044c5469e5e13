package dev.dspm.scanner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The floor's passes become medians, and passes that disagree fail the run. */
class EvaluationTableTests {

    private static final Map<String, Long> FOUND = Map.of("public-file-share", 3L, "orphaned-share", 2L);
    private static final ChildJvm.Outcome DONE = new ChildJvm.Outcome(0, 30, 300L << 20, false, Path.of("floor.log"));

    @Test
    void reportsTheMedianPassOfEachThreadCountAgainstTheTarget() {
        EvaluationTable table = new EvaluationTable(1_000_000, "256m");

        boolean same = table.floor(List.of(pass(1, 2.0, 1.9), pass(2, 1.25, 2.0), pass(1, 1.0, 0.9), pass(2, 0.5, 0.8),
                pass(1, 4.0, 1.0), pass(2, 0.8, 1.5)), DONE);

        assertThat(same).isTrue();
        String text = table.render();
        assertThat(cells(text, "1 thread")).containsExactly("2.00 s", "500,000", "250,000–1,000,000", "1.90 s", "526,316",
                "0.40×");
        assertThat(cells(text, "2 threads")).containsExactly("0.80 s", "1,250,000", "800,000–2,000,000", "1.50 s",
                "666,667", "1.00×");
        assertThat(cells(text, "findings per pass (the same in all 6 passes)")).startsWith("5");
        assertThat(cells(text, "· public-file-share")).startsWith("3");
        assertThat(cells(text, "peak RSS")).startsWith("300 MiB; yes");
        assertThat(cells(text, "target")).startsWith("1,250,000: met");
    }

    @Test
    void passesThatFoundDifferentFindingsFailTheRun() {
        EvaluationTable table = new EvaluationTable(1_000_000, "256m");
        Floor.Pass other = new Floor.Pass(2, 2.0, 2.0, 0.1, 1_000_000, Map.of("public-file-share", 4L));

        assertThat(table.floor(List.of(pass(1, 1.0, 1.0), other), DONE)).isFalse();
        assertThat(table.render()).contains("FAILED: the passes judged different facts or found different findings")
                .contains("500,000: missed");
    }

    @Test
    void aPassReadsBackAsWritten() {
        Floor.Pass pass = new Floor.Pass(2, 0.731, 1.402, 0.052, 1_000_000, new java.util.TreeMap<>(FOUND));

        assertThat(Floor.Pass.parse(pass.line())).isEqualTo(pass);
    }

    private static Floor.Pass pass(int threads, double seconds, double cpuSeconds) {
        return new Floor.Pass(threads, seconds, cpuSeconds, 0.1, 1_000_000, FOUND);
    }

    /** The cells after the label of the first row whose label contains the text. */
    private static List<String> cells(String table, String label) {
        List<String> cells = table.lines().map(line -> List.of(line.split("\\|")).stream().map(String::strip).toList())
                .filter(row -> row.size() > 1 && row.get(1).contains(label)).findFirst().orElseThrow();
        return cells.subList(2, cells.size());
    }
}
