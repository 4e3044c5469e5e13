package dev.dspm.scanner.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.RecordedRequest;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * The job's start-up alone: runs it with the JVM options given against a simulator in this JVM, and at the moment the
 * first request arrives reads the child's CPU time (user + system, /proc/PID/stat) and stops it. StartupBenchmark's
 * CPU column is the whole run over its tenant; this one is the CPU spent before the first request only, the figure
 * load on a shared machine changes least, by thread (main, policy-compile, the JIT compilers, GC), and names that request.
 *
 * <p>{@code java dev.dspm.scanner.bench.FirstRequestProfile <runs> <java options and -jar ...>}; the job's settings
 * (simulator, H2 file, report folder, policies/) are appended. The first run migrates the H2 file and is not counted.
 * Logs: target/bench/first-request-N.log.
 */
public final class FirstRequestProfile {

    private static final double TICKS_PER_SECOND = 100.0;

    private FirstRequestProfile() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        List<String> launch = List.of(args).subList(1, args.length);
        Path work = Files.createTempDirectory("dspm-first-request");
        try (ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(42, 1000)), 0)) {
            List<String> command = new ArrayList<>(ChildJvm.java("256m"));
            command.addAll(launch);
            command.addAll(List.of("--dspm.api.base-url=" + simulator.baseUrl(),
                    "--spring.datasource.url=jdbc:h2:file:" + work.resolve("db").resolve("dspm"),
                    "--dspm.report.dir=" + work.resolve("reports"), "--dspm.policies.dir=" + Path.of("policies").toAbsolutePath()));
            double[] wall = new double[runs];
            double[] cpu = new double[runs];
            for (int i = -1; i < runs; i++) {
                int before = simulator.requestCount();
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(log(i + 1).toFile());
                builder.environment().putAll(NightRun.KEYS);
                long start = System.nanoTime();
                Process process = builder.start();
                Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
                double ticks = 0;
                // Sampled as it runs: a thread that ended (the policy compile's) is gone from /proc at the end.
                Map<String, Double> seen = new HashMap<>();
                long sampled = 0;
                while (simulator.requestCount() == before && process.isAlive()) {
                    ticks = ticks(stat);
                    if (System.nanoTime() - sampled > 20_000_000) {
                        sample(process.pid(), seen);
                        sampled = System.nanoTime();
                    }
                    Thread.sleep(0, 200_000);
                }
                ticks = Math.max(ticks, ticks(stat));
                sample(process.pid(), seen);
                Map<String, Double> threads = byName(seen);
                if (simulator.requestCount() == before) {
                    throw new IllegalStateException("the job sent no request: " + log(i + 1));
                }
                RecordedRequest first = simulator.requests().get(before);
                if (i >= 0) {
                    wall[i] = (first.receivedAtNanos() - start) / 1e9;
                    cpu[i] = ticks / TICKS_PER_SECOND;
                    System.out.printf(Locale.ROOT, "run %d: first request %s %s after %.2f s wall, %.2f s CPU; load %s%n", i + 1,
                            first.method(), first.path(), wall[i], cpu[i], Files.readString(Path.of("/proc/loadavg")).trim());
                    System.out.println("  CPU s by thread: " + threads);
                }
                if (i >= 0) {
                    process.destroy();
                }
                process.waitFor();
            }
            System.out.printf(Locale.ROOT, "median of %d: %.2f s wall, %.2f s CPU before the first request%n", runs, median(wall),
                    median(cpu));
        } finally {
            ScanBenchmark.delete(work);
        }
    }

    private static Path log(int run) throws IOException {
        return Files.createDirectories(Path.of("target", "bench")).resolve("first-request-" + run + ".log");
    }

    /** Each thread's CPU ticks so far, keyed "tid name", into {@code seen}. */
    private static void sample(long pid, Map<String, Double> seen) {
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String text = Files.readString(task.resolve("stat"));
                    String name = text.substring(text.indexOf('(') + 1, text.lastIndexOf(')'));
                    seen.merge(task.getFileName() + " " + name, ticks(task.resolve("stat")), Math::max);
                } catch (IOException gone) {
                    // the thread ended
                }
            }
        } catch (IOException gone) {
            // the process ended
        }
    }

    /** CPU seconds by thread name (numbers folded but the JIT compilers': "C2 CompilerThre#"), most first, those over 0.05 s. */
    private static Map<String, Double> byName(Map<String, Double> seen) {
        Map<String, Double> byName = new HashMap<>();
        seen.forEach((key, ticks) -> byName.merge(key.substring(key.indexOf(' ') + 1).replaceAll("(?<!^C)\\d+", "#"), ticks / TICKS_PER_SECOND,
                Double::sum));
        Map<String, Double> sorted = new LinkedHashMap<>();
        byName.entrySet().stream().filter(e -> e.getValue() > 0.05).sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), Math.round(e.getValue() * 100) / 100.0));
        return sorted;
    }

    /** utime + stime of the process, in clock ticks; 0 once it has gone. */
    private static double ticks(Path stat) {
        try {
            String text = Files.readString(stat);
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return Double.parseDouble(fields[11]) + Double.parseDouble(fields[12]);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
