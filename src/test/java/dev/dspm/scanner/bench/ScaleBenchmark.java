package dev.dspm.scanner.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether the night grows linearly: night 1 of the job into a PostgreSQL server of its own at each size asked for
 * (e.g. 1,000,000 and 10,000,000 shares), the whole night and each step, and each figure against the previous size's
 * scaled by the sizes' ratio (1.00× is linear), with the job's peak resident memory and whether it finished in its
 * heap.
 *
 * <p>{@code java dev.dspm.scanner.bench.ScaleBenchmark <scanner.jar> <heap> <size,size,...>}; bench/scale.sh builds and
 * runs it. {@code BENCH_TIMEOUT_SECONDS} (default 5400) bounds each night.
 */
public final class ScaleBenchmark {

    private ScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = new Settings(Path.of(args[0]), args[1],
                Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("BENCH_TIMEOUT_SECONDS", "5400"))),
                Files.createTempDirectory("dspm-scale"), Path.of("target", "bench"));
        List<Integer> sizes = List.of(args[2].split(",")).stream().map(Integer::valueOf).toList();
        System.out.printf(Locale.ROOT, "# dspm-scanner scale benchmark, %s shares, -Xmx%s, PostgreSQL server; load average %s at start%n",
                args[2], settings.heap(), String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3)));
        List<NightRun.Night> nights = new ArrayList<>();
        try {
            for (int size : sizes) {
                // a server and a simulator per size, so neither carries the other size's tables or heap
                try (Databases databases = Databases.start(List.of("server"), settings.work());
                        Simulator simulator = Simulator.start(size)) {
                    Database database = databases.list().get(0);
                    NightRun.Night night = new NightRun(settings, database, simulator, size, List.of()).nights(1).get(0);
                    System.err.printf(Locale.ROOT, "bench: %,d shares: %.1f s, exit %d, steps %s%n", size,
                            night.outcome().seconds(), night.outcome().exit(), night.steps());
                    nights.add(night);
                }
            }
            System.out.println();
            System.out.print(table(sizes, nights));
            System.out.println();
            System.out.println("Each ratio is the figure against the previous size's times the sizes' ratio: 1.00× grows "
                    + "linearly. Steps come from Spring Batch's step table. Logs: " + settings.logs() + "/.");
        } finally {
            ScanBenchmark.delete(settings.work());
        }
        System.exit(nights.stream().allMatch(night -> night.outcome().ok()) ? 0 : 1);
    }

    private static String table(List<Integer> sizes, List<NightRun.Night> nights) {
        List<String> header = new ArrayList<>(List.of("night 1 into PostgreSQL (server), -Xmx heap"));
        sizes.forEach(size -> header.add(String.format(Locale.ROOT, "%,d shares", size)));
        Table table = new Table(header);
        table.add(row("whole night, JVM start to exit", sizes, nights, night -> night.outcome().seconds()));
        Set<String> steps = new LinkedHashSet<>();
        nights.forEach(night -> steps.addAll(night.steps().keySet()));
        for (String step : steps) {
            table.add(row("· " + step, sizes, nights, night -> night.steps().getOrDefault(step, 0.0)));
        }
        List<String> outcome = new ArrayList<>(List.of("finished within the heap (peak RSS)"));
        nights.forEach(night -> outcome.add(String.format(Locale.ROOT, "%s (%d MB)",
                night.outcome().ok() ? "yes" : night.outcome().failure(), night.outcome().peakRssBytes() >> 20)));
        table.add(outcome);
        List<String> findings = new ArrayList<>(List.of("findings of the run"));
        nights.forEach(night -> findings.add(String.format(Locale.ROOT, "%,d", night.findings())));
        table.add(findings);
        return table.render();
    }

    private static List<String> row(String label, List<Integer> sizes, List<NightRun.Night> nights,
            java.util.function.ToDoubleFunction<NightRun.Night> seconds) {
        List<String> row = new ArrayList<>(List.of(label));
        for (int i = 0; i < nights.size(); i++) {
            double value = seconds.applyAsDouble(nights.get(i));
            if (i == 0) {
                row.add(String.format(Locale.ROOT, "%.1f s", value));
            } else {
                double linear = seconds.applyAsDouble(nights.get(i - 1)) * sizes.get(i) / sizes.get(i - 1);
                row.add(String.format(Locale.ROOT, "%.1f s (%.2f×)", value, value / linear));
            }
        }
        return row;
    }
}
