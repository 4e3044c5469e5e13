package dev.dspm.scanner.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The night benchmark's one table: floors, the naive peer, and each database's nights with their steps. */
final class NightTable {

    /** The steps named in the issue, in the job's order; any other step is summed under "other steps". */
    private static final List<String> STEPS = List.of("scan", "seal", "owners", "evaluate", "findings", "remediation",
            "report");

    private final Table table;
    private final List<NaiveNight.Night> peer;
    private double floorFactsPerSecond = Double.NaN;
    private long shares;

    NightTable(String heap, int size, List<NaiveNight.Night> peer) {
        table = new Table(List.of(String.format(Locale.ROOT, "**%,d shares**, default pack, owners on, -Xmx%s", size, heap),
                "night 1", "night 2"));
        this.peer = peer;
    }

    void floor(String label, double seconds) {
        table.add(List.of(label, String.format(Locale.ROOT, "%.1f s", seconds), ""));
    }

    /** The evaluation's in-memory floor (Floor, 2 threads, median): facts judged a second, over this many shares. */
    void evaluateFloor(double factsPerSecond, long shares) {
        this.floorFactsPerSecond = factsPerSecond;
        this.shares = shares;
        table.add(List.of("floor: the default pack judging the tenant's facts in memory, no database (Floor, 2 threads)",
                String.format(Locale.ROOT, "%.1f s (%,.0f facts/s)", shares / factsPerSecond, factsPerSecond), ""));
    }

    void peer() {
        List<String> row = new ArrayList<>(List.of("naive nightly peer (bench/naive_night.py: pages → SQLite → 5 rules → "
                + "vs last run → CSV + JSON), start to exit"));
        peer.forEach(night -> row.add(String.format(Locale.ROOT, "%.1f s (%,d findings)", night.seconds(), night.findings())));
        pad(row);
    }

    void job(Database database, List<NightRun.Night> nights, double target) {
        List<String> whole = new ArrayList<>(List.of("job → " + database.label() + ": whole night, JVM start to exit"));
        List<String> verdict = new ArrayList<>(List.of(String.format(Locale.ROOT, "target: ≤ %.1f× the naive peer", target)));
        for (int i = 0; i < nights.size(); i++) {
            ChildJvm.Outcome outcome = nights.get(i).outcome();
            double ratio = outcome.seconds() / peer.get(i).seconds();
            whole.add(outcome.ok() ? String.format(Locale.ROOT, "%.1f s (%.2f×)", outcome.seconds(), ratio) : outcome.failure());
            verdict.add(outcome.ok() ? (ratio <= target ? "met" : "missed") : "");
        }
        pad(whole);
        for (String step : STEPS) {
            pad(steps("· " + step, nights, night -> seconds(night.steps().get(step))));
        }
        pad(steps("· other steps (preflight, export, retention)", nights, night -> seconds(night.steps().entrySet().stream()
                .filter(s -> !STEPS.contains(s.getKey()) && !s.getKey().contains(":")).mapToDouble(Map.Entry::getValue).sum())));
        pad(steps("· outside the steps: JVM, Spring, Flyway, policies, exit", nights, NightTable::outside));
        pad(steps("· evaluate against its in-memory floor (target ≥ 0.5×)", nights, night -> {
            Double seconds = night.steps().get("evaluate");
            return seconds == null || Double.isNaN(floorFactsPerSecond) ? "none" : String.format(Locale.ROOT, "%.2f×",
                    shares / seconds / floorFactsPerSecond);
        }));
        pad(steps("· report against the plain-CSV floor of the night's findings (target ≤ 1.5×)", nights, night -> {
            Double seconds = night.steps().get("report");
            return seconds == null || Double.isNaN(night.reportFloor()) ? "none" : String.format(Locale.ROOT,
                    "%.2f× (floor %.1f s)", seconds / night.reportFloor(), night.reportFloor());
        }));
        pad(steps("· CPU, user + system: the job's JVM / the database server; both, of the cores' time in the night", nights,
                NightTable::cpu));
        pad(steps("· findings of the run", nights, night -> String.format("%,d", night.findings())));
        pad(steps("· report.json / report.csv / remediation.csv", nights, night -> String.join(" / ",
                night.files().values().stream().map(bytes -> bytes < 0 ? "none" : String.format(Locale.ROOT, "%.0f MB", bytes / 1e6))
                        .toList())));
        pad(verdict);
    }

    String render() {
        return table.render();
    }

    private static List<String> steps(String label, List<NightRun.Night> nights,
            Function<NightRun.Night, String> cell) {
        List<String> row = new ArrayList<>(List.of(label));
        nights.forEach(night -> row.add(cell.apply(night)));
        return row;
    }

    /**
     * The night (a monotonic clock) less its steps (Spring Batch's, by the wall clock). Steps that add up to more than
     * the night mean the wall clock was stepped while they ran: their times are void, and the table says so.
     */
    private static String outside(NightRun.Night night) {
        double outside = night.outcome().seconds() - night.steps().entrySet().stream()
                .filter(s -> !s.getKey().contains(":")).mapToDouble(Map.Entry::getValue).sum();
        return outside < 0 ? String.format(Locale.ROOT, "%.1f s: void, the clock was stepped", outside) : seconds(outside);
    }

    /**
     * Where a night bound by the machine's cores went: the job's CPU and the server's (H2's is the job's), and how much
     * of what the cores could give in that time ({@link Runtime#availableProcessors()} × the night) both took.
     */
    private static String cpu(NightRun.Night night) {
        double cores = Runtime.getRuntime().availableProcessors() * night.outcome().seconds();
        if (Double.isNaN(night.serverCpu())) {
            return String.format(Locale.ROOT, "%.1f s (H2 is in the job); %.0f%% of %.0f core-s", night.jobCpu(),
                    100 * night.jobCpu() / cores, cores);
        }
        double both = night.jobCpu() + night.serverCpu();
        return String.format(Locale.ROOT, "%.1f / %.1f s; %.0f%% of %.0f core-s", night.jobCpu(), night.serverCpu(),
                100 * both / cores, cores);
    }

    private static String seconds(Double seconds) {
        return seconds == null ? "none" : seconds.isNaN() ? "did not end" : String.format(Locale.ROOT, "%.1f s", seconds);
    }

    private void pad(List<String> row) {
        while (row.size() < 3) {
            row.add("");
        }
        table.add(row);
    }
}
