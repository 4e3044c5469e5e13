package dev.dspm.scanner.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evaluation benchmark's table: one row per measurement, each with its rate and that rate as a multiple of the
 * floor's on {@value Floor#THREADS} threads, which the targets are stated against. The floor's rows come
 * first; the evaluate step's (database read, rules, findings write), measured in the same run, go below through
 * {@link #add}. CPU time is shown where it is known: on a shared machine it says what the work costs when the
 * wall time also holds other programs' turns.
 */
final class EvaluationTable {

    static final double TARGET_FACTS_PER_SECOND = 1_000_000;

    private final Table table = new Table(List.of("evaluation", "median time", "facts/s", "passes: facts/s, min–max",
            "CPU time", "facts per CPU-s", "× floor"));
    private final long facts;
    private double floor = Double.NaN;

    EvaluationTable(long facts, String heap) {
        this.facts = facts;
        note(String.format(Locale.ROOT, "**%,d shares, default pack, -Xmx%s**", facts, heap), "");
    }

    /** The floor's rows; false, with a row saying so, unless every pass judged every fact and found the same. */
    boolean floor(List<Floor.Pass> passes, ChildJvm.Outcome outcome) {
        floor = floorFactsPerSecond(passes);
        for (int threads : new int[] { 1, Floor.THREADS }) {
            List<Floor.Pass> these = of(passes, threads);
            Floor.Pass median = median(these);
            add(String.format(Locale.ROOT, "floor: Judge.judge per %,d facts, in memory, no database; %d thread%s",
                    Floor.CHUNK, threads, threads == 1 ? "" : "s"), median.seconds(), median.factsPerSecond(),
                    rate(these.get(0).factsPerSecond()) + "–" + rate(these.get(these.size() - 1).factsPerSecond()),
                    median.cpuSeconds());
            note("· of which GC, within the judging", seconds(median.gcSeconds()));
        }
        Map<String, Long> findings = passes.get(0).findings();
        boolean same = passes.stream().allMatch(pass -> pass.findings().equals(findings) && pass.facts() == facts);
        note(same ? String.format(Locale.ROOT, "findings per pass (the same in all %d passes)", passes.size())
                : "FAILED: the passes judged different facts or found different findings (see the log)",
                count(findings.values().stream().mapToLong(Long::longValue).sum()));
        findings.forEach((policy, count) -> note("· " + policy, count(count)));
        note("floor peak RSS; finished within -Xmx", String.format(Locale.ROOT, "%d MiB; %s",
                outcome.peakRssBytes() >> 20, outcome.ok() ? "yes" : "no"));
        note(String.format(Locale.ROOT, "target: floor (%d threads) ≥ %s facts/s", Floor.THREADS,
                rate(TARGET_FACTS_PER_SECOND)), rate(floor) + (floor >= TARGET_FACTS_PER_SECOND ? ": met" : ": missed"));
        return same;
    }

    /** A measured row: its wall time, its rate over all the facts, and that rate as a multiple of the floor's. */
    void add(String label, double seconds, double factsPerSecond, String range, double cpuSeconds) {
        // a step that judges nothing (the owners step) has a time, and no rate to hold to the floor
        boolean judges = !Double.isNaN(factsPerSecond);
        table.add(List.of(label, seconds(seconds), judges ? rate(factsPerSecond) : "", range,
                Double.isNaN(cpuSeconds) ? "" : seconds(cpuSeconds), Double.isNaN(cpuSeconds) ? "" : rate(facts / cpuSeconds),
                Double.isNaN(floor) || !judges ? "" : String.format(Locale.ROOT, "%.2f×", factsPerSecond / floor)));
    }

    /** A row with one value, in the time column. */
    void note(String label, String value) {
        table.add(List.of(label, value, "", "", "", "", ""));
    }

    String render() {
        return table.render();
    }

    /** The passes on this many threads, slowest first. */
    /** The floor the target is stated against: the median rate of the passes on {@value Floor#THREADS} threads. */
    static double floorFactsPerSecond(List<Floor.Pass> passes) {
        return median(of(passes, Floor.THREADS)).factsPerSecond();
    }

    private static List<Floor.Pass> of(List<Floor.Pass> passes, int threads) {
        List<Floor.Pass> these = new ArrayList<>(passes.stream().filter(pass -> pass.threads() == threads).toList());
        these.sort(Comparator.comparingDouble(Floor.Pass::factsPerSecond));
        return these;
    }

    /** The middle pass; of an even number, the slower of the two in the middle. */
    private static Floor.Pass median(List<Floor.Pass> sorted) {
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.2f s", seconds);
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    private static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }
}
