package dev.dspm.scanner.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.RecordedRequest;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * What a user waits for before anything happens, in one table: the start of the JVM to the job's first API request
 * (the simulator in this JVM notes when each request arrives, on this JVM's clock), on an H2 file the job already
 * migrated (a nightly run validates, not migrates), and {@code --test-policies} of the default pack, start to exit;
 * each the median of the runs, for each way of starting the jar: as built ({@code java -jar}), extracted
 * ({@code -Djarmode=tools extract}), extracted with the AppCDS archive deploy/appcds.sh made, and that with C1 only
 * ({@code -XX:TieredStopAtLevel=1}, for interactive commands), with Spring AOT's generated context as the image runs
 * it, that with C2 later (tier-4 thresholds ×10), and, given a JDK 25 home, the extracted jar on that JDK with the AOT
 * cache deploy/aotcache.sh made. Each also shows the
 * CPU the program used (user + system), the figure that load on a shared machine changes least.
 *
 * <p>{@code java dev.dspm.scanner.bench.StartupBenchmark <scanner.jar> <extracted folder with dspm-scanner.jsa> <runs>
 * [JDK 25 home, the folder also holding dspm-scanner.aot]}
 */
public final class StartupBenchmark {

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path extracted = Path.of(args[1]).toAbsolutePath();
        int runs = Integer.parseInt(args[2]);
        Path work = Files.createTempDirectory("dspm-startup");
        Path policies = Path.of("policies").toAbsolutePath();
        Map<String, Launch> launches = new LinkedHashMap<>();
        String here = System.getProperty("java.home");
        String jsa = "-XX:SharedArchiveFile=" + extracted.resolve("dspm-scanner.jsa");
        String extractedJar = extracted.resolve("dspm-scanner.jar").toString();
        launches.put("java -jar target/dspm-scanner.jar", new Launch(here, List.of("-jar", jar.toString())));
        launches.put("extracted jar", new Launch(here, List.of("-jar", extractedJar)));
        launches.put("extracted jar + AppCDS archive", new Launch(here, List.of(jsa, "-Xshare:on", "-jar", extractedJar)));
        // C1 only: no C2 compiler threads burning a core on code a run of seconds never gets to use; for interactive
        // commands, never for the night (its steps run long enough for C2 to pay back).
        launches.put("extracted jar + AppCDS + -XX:TieredStopAtLevel=1", new Launch(here, List.of(jsa, "-Xshare:on",
                "-XX:TieredStopAtLevel=1", "-jar", extractedJar)));
        // As the image starts the job: the context Spring AOT generated at build time.
        launches.put("extracted jar + AppCDS + Spring AOT (the image)", new Launch(here, List.of(jsa, "-Xshare:on",
                "-Dspring.aot.enabled=true", "-jar", extractedJar)));
        // C2 later, not never: tier-4 thresholds 10x the defaults (BENCHMARKS.md weighs what that costs a night).
        launches.put("the image + C2 later (tier-4 thresholds ×10)", new Launch(here, List.of(jsa, "-Xshare:on",
                "-Dspring.aot.enabled=true", "-XX:Tier4InvocationThreshold=150000", "-XX:Tier4MinInvocationThreshold=60000",
                "-XX:Tier4CompileThreshold=150000", "-XX:Tier4BackEdgeThreshold=400000", "-jar", extractedJar)));
        if (args.length > 3) {
            // JDK 25's AOT cache (deploy/aotcache.sh): classes loaded and linked, and method profiles, from a training
            // run; -XX:AOTMode=on makes a cache the JVM cannot use a failure rather than a silently slower start.
            launches.put("JDK 25, extracted jar + AOT cache + Spring AOT", new Launch(args[3], List.of("-XX:AOTCache="
                    + extracted.resolve("dspm-scanner.aot"), "-XX:AOTMode=on", "-Dspring.aot.enabled=true", "-jar", extractedJar)));
        }
        System.out.printf(Locale.ROOT, "# dspm-scanner start-up, median of %d runs, -Xmx256m; load average %s at start%n", runs,
                String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3)));
        Table table = new Table(List.of("start-up, -Xmx256m", "JVM start → first API request (CPU)",
                "--test-policies, default pack (CPU)"));
        try (ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(42, 1000)), 0)) {
            String url = "jdbc:h2:file:" + work.resolve("db").resolve("dspm");
            List<String> job = List.of("--dspm.api.base-url=" + simulator.baseUrl(), "--spring.datasource.url=" + url,
                    "--dspm.report.dir=" + work.resolve("reports"), "--dspm.policies.dir=" + policies);
            // The first run migrates the database; every measured run finds it migrated, as a nightly run does.
            run(launches.values().iterator().next(), job, NightRun.KEYS, work, "migrate");
            for (Map.Entry<String, Launch> launch : launches.entrySet()) {
                double[] first = new double[runs];
                double[] firstCpu = new double[runs];
                double[] policy = new double[runs];
                double[] policyCpu = new double[runs];
                for (int i = 0; i < runs; i++) {
                    int before = simulator.requestCount();
                    long start = System.nanoTime();
                    double[] cpu = run(launch.getValue(), job, NightRun.KEYS, work, "job");
                    RecordedRequest request = simulator.requests().get(before);
                    first[i] = (request.receivedAtNanos() - start) / 1e9;
                    firstCpu[i] = cpu[1];
                    double[] test = run(launch.getValue(), List.of("--test-policies", "--dspm.policies.dir=" + policies), Map.of(), work,
                            "test-policies");
                    policy[i] = test[0];
                    policyCpu[i] = test[1];
                }
                table.add(List.of(launch.getKey(), cell(first, firstCpu), cell(policy, policyCpu)));
            }
        } finally {
            ScanBenchmark.delete(work);
        }
        System.out.println();
        System.out.print(table.render());
        System.out.println("\nTargets: JVM start to the first API request ≤ 3 s; --test-policies of the default pack ≤ 3 s. "
                + "CPU: the job's whole run (it goes on after its first request), --test-policies' whole run.");
    }

    /** Runs the jar once to its end, with the keys given (none for --test-policies); {wall s, CPU s} by /usr/bin/time. */
    private static double[] run(Launch launch, List<String> args, Map<String, String> keys, Path work, String what) throws Exception {
        Path times = work.resolve("time-" + what);
        List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-o", times.toString(), "-f", "%e %U %S"));
        List<String> java = ChildJvm.java("256m");
        java.set(0, Path.of(launch.javaHome(), "bin", "java").toString());
        command.addAll(java);
        command.addAll(launch.options());
        command.addAll(args);
        ChildJvm.Outcome outcome = ChildJvm.run(command, keys, Path.of("target", "bench", "startup-" + what + ".log"),
                Duration.ofMinutes(10));
        if (!outcome.ok()) {
            throw new IllegalStateException(what + ": " + outcome.failure());
        }
        String[] fields = Files.readAllLines(times).get(Files.readAllLines(times).size() - 1).trim().split(" ");
        return new double[] { Double.parseDouble(fields[0]), Double.parseDouble(fields[1]) + Double.parseDouble(fields[2]) };
    }

    /** One way of starting the jar: the JDK that runs it and the options before the job's arguments. */
    private record Launch(String javaHome, List<String> options) {
    }

    private static String cell(double[] wall, double[] cpu) {
        return String.format(Locale.ROOT, "%.1f s (%.1f s)", median(wall), median(cpu));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
