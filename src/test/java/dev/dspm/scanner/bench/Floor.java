package dev.dspm.scanner.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.dspm.scanner.policy.Finding;
import dev.dspm.scanner.policy.RunContext;
import dev.dspm.scanner.policy.Share;
import dev.dspm.scanner.policy.drools.Judge;
import dev.dspm.scanner.policy.drools.PolicyLoader;
import dev.dspm.scanner.policy.drools.PolicyPack;

/**
 * The evaluation floor of issue 13: the policies over facts already in memory, no database. {@link Judge#judge}
 * runs over chunks of {@value #CHUNK} facts, one stateless execution each as the evaluate step runs them, on one
 * thread and on {@value #THREADS} (chunks handed out to both). Only the judging is timed: the facts are read from a
 * {@link FactsFile} {@value #BATCH} at a time beforehand, untimed. One untimed pass of each kind warms the JVM up,
 * then each repetition makes one pass of each kind, alternating so the machine's load falls on both alike.
 *
 * <p>{@code java Floor <facts file> <policies dir> <now> <repetitions> <results file>}, in a JVM of the heap
 * ({@link EvaluateBenchmark} starts it). The results file has one line per timed pass, see {@link Pass}.
 */
final class Floor {

    static final int CHUNK = 1_000;
    static final int THREADS = 2;
    static final int BATCH = 100_000;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    /**
     * One pass over every fact: the wall time spent judging, the CPU time of the threads that judged (on a busy
     * machine the figure that says what the work costs), GC time within the judging, and the findings by policy.
     */
    record Pass(int threads, double seconds, double cpuSeconds, double gcSeconds, long facts, Map<String, Long> findings) {

        double factsPerSecond() {
            return facts / seconds;
        }

        double factsPerCpuSecond() {
            return facts / cpuSeconds;
        }

        String line() {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%d %.6f %.6f %.6f %d", threads, seconds,
                    cpuSeconds, gcSeconds, facts));
            findings.forEach((policy, count) -> line.append(' ').append(policy).append('=').append(count));
            return line.toString();
        }

        static Pass parse(String line) {
            String[] fields = line.split(" ");
            Map<String, Long> findings = new TreeMap<>();
            for (int i = 5; i < fields.length; i++) {
                int equals = fields[i].lastIndexOf('=');
                findings.put(fields[i].substring(0, equals), Long.parseLong(fields[i].substring(equals + 1)));
            }
            return new Pass(Integer.parseInt(fields[0]), Double.parseDouble(fields[1]), Double.parseDouble(fields[2]),
                    Double.parseDouble(fields[3]), Long.parseLong(fields[4]), findings);
        }
    }

    /** What one thread judged of a batch: findings by policy, and its CPU time. */
    private record Part(Map<String, Long> findings, long cpuNanos) {
    }

    private final Path facts;
    private final Judge judge;
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    private Floor(Path facts, Judge judge) {
        this.facts = facts;
        this.judge = judge;
    }

    public static void main(String[] args) throws Exception {
        PolicyPack pack = PolicyLoader.load(Path.of(args[1]));
        Floor floor = new Floor(Path.of(args[0]), new Judge(pack, new RunContext(1, Instant.parse(args[2]), pack.settings())));
        int repetitions = Integer.parseInt(args[3]);
        List<String> lines = new ArrayList<>();
        try {
            floor.pass(1);
            floor.pass(THREADS);
            for (int i = 0; i < repetitions; i++) {
                for (int threads : new int[] { 1, THREADS }) {
                    Pass pass = floor.pass(threads);
                    System.out.println(pass.line());
                    lines.add(pass.line());
                }
            }
        } finally {
            floor.pool.shutdownNow();
        }
        Files.write(Path.of(args[4]), lines);
    }

    /** Runs the floor in its own JVM at {@code heap} over the facts file, with the default pack in policies/. */
    static ChildJvm.Outcome run(String heap, Path facts, int repetitions, Path results, Path log, Duration timeout)
            throws IOException, InterruptedException {
        return ChildJvm.run(ChildJvm.java(heap, "-Dlogback.configurationFile=bench/logback.xml", "-cp",
                System.getProperty("java.class.path"), Floor.class.getName(), facts.toString(), "policies",
                EvaluateBenchmark.NOW.toString(), Integer.toString(repetitions), results.toString()), Map.of(), log, timeout);
    }

    static List<Pass> results(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(Pass::parse).toList();
    }

    private Pass pass(int threads) throws Exception {
        long nanos = 0;
        long cpuNanos = 0;
        long gcMillis = 0;
        long count = 0;
        Map<String, Long> findings = new TreeMap<>();
        try (FactsFile.Reader reader = FactsFile.read(facts)) {
            for (List<Share> batch = reader.next(BATCH); !batch.isEmpty(); batch = reader.next(BATCH)) {
                long gcBefore = gcMillis();
                long start = System.nanoTime();
                List<Part> parts = judge(batch, threads);
                nanos += System.nanoTime() - start;
                gcMillis += gcMillis() - gcBefore;
                for (Part part : parts) {
                    part.findings().forEach((policy, n) -> findings.merge(policy, n, Long::sum));
                    cpuNanos += part.cpuNanos();
                }
                count += batch.size();
            }
        }
        return new Pass(threads, nanos / 1e9, cpuNanos / 1e9, gcMillis / 1e3, count, findings);
    }

    /** Every chunk of the batch judged, by the calling thread alone or by the pool's threads taking chunks in turn. */
    private List<Part> judge(List<Share> batch, int threads) throws Exception {
        AtomicInteger next = new AtomicInteger();
        Callable<Part> worker = () -> {
            long cpu = CPU.getCurrentThreadCpuTime();
            Map<String, Long> counted = new HashMap<>();
            for (int from = next.getAndAdd(CHUNK); from < batch.size(); from = next.getAndAdd(CHUNK)) {
                for (Finding finding : judge.judge(batch.subList(from, Math.min(batch.size(), from + CHUNK)))) {
                    counted.merge(finding.policy().id(), 1L, Long::sum);
                }
            }
            return new Part(counted, CPU.getCurrentThreadCpuTime() - cpu);
        };
        if (threads == 1) {
            return List.of(worker.call());
        }
        List<Part> parts = new ArrayList<>();
        for (Future<Part> part : pool.invokeAll(Collections.nCopies(threads, worker))) {
            parts.add(part.get());
        }
        return parts;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }
}
