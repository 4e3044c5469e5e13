package dev.dspm.scanner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class NightTableTests {

    @Test
    void stepsLongerThanTheirNightAreCalledVoidNotPrintedAsNegativeTime() {
        NightTable table = new NightTable("256m", 1_000, List.of(new NaiveNight.Night(100, 1_000, 10),
                new NaiveNight.Night(100, 1_000, 10)));
        table.job(new Database.H2(Path.of("h2")), List.of(night(60, 10, 40), night(84, 86, 5)), 0.6);

        String outside = table.render().lines().filter(line -> line.contains("outside the steps")).findFirst().orElseThrow();

        assertThat(outside.split("\\|")).extracting(String::strip).as("60 s less 50 s of steps; 91 s of steps in 84 s")
                .contains("10.0 s", "-7.0 s: void, the clock was stepped");
    }

    @Test
    void theCpuRowAddsTheServersToTheJobsAgainstTheCoresTimeAndSaysH2HasNoneApart() {
        NightTable table = new NightTable("256m", 1_000, List.of(new NaiveNight.Night(100, 1_000, 10),
                new NaiveNight.Night(100, 1_000, 10)));
        NightRun.Night night = night(100, 10, 40);
        table.job(new Database.Postgres("server", "PostgreSQL", 5432), List.of(withCpu(night, 80, 50)), 0.6);
        table.job(new Database.H2(Path.of("h2")), List.of(withCpu(night, 90, Double.NaN)), 1.0);
        int cores = Runtime.getRuntime().availableProcessors();

        List<String> rows = table.render().lines().filter(line -> line.contains("CPU, user + system")).toList();

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).contains(String.format("80.0 / 50.0 s; %.0f%% of %d core-s", 130.0 / cores, 100 * cores));
        assertThat(rows.get(1)).contains(String.format("90.0 s (H2 is in the job); %.0f%% of %d core-s", 90.0 / cores,
                100 * cores));
    }

    private static NightRun.Night withCpu(NightRun.Night night, double job, double server) {
        return new NightRun.Night(night.outcome(), night.steps(), night.findings(), night.files(), night.reportFloor(), job,
                server);
    }

    private static NightRun.Night night(double seconds, double evaluate, double report) {
        return new NightRun.Night(new ChildJvm.Outcome(0, seconds, 0, false, Path.of("log")),
                Map.of("evaluate", evaluate, "report", report, "scanPartition:FILE_SHARE", 99.0), 1, Map.of(), Double.NaN,
                seconds, Double.NaN);
    }
}
