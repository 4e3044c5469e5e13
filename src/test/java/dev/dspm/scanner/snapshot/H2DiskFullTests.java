package dev.dspm.scanner.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.SystemTest;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * Issue 26 item 12, on a disk that really fills: the job runs in a JVM of its own, in a mount namespace of its own
 * ({@code unshare}, as root or as a user mapped to root) where its H2 folder is a 6 MB tmpfs, so that H2's writes fail
 * with the kernel's ENOSPC mid-scan. The run's last line says which disk is full and which setting moves the database,
 * rather than "The database has been closed".
 */
@SystemTest
class H2DiskFullTests {

    @TempDir
    Path dir;

    ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(
            TenantSpec.of(9L, Map.of("ASSET_TYPE_FILE_SHARE", 40_000, "ASSET_TYPE_SESSION_SHARE", 20_000))));

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aDiskThatFillsMidScanEndsTheRunWithOneLineNamingTheDiskAndTheSetting() throws Exception {
        Path data = Files.createDirectories(dir.resolve("small-disk"));
        Path log = dir.resolve("child.log");
        List<String> command = new ArrayList<>(namespaceWithTmpfs(data));
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.dspm.scanner.DspmScannerApplication"));
        command.addAll(JobRun.arguments(simulator, "jdbc:h2:file:" + data.resolve("dspm") + ";AUTO_SERVER=FALSE;COMPRESS=TRUE",
                "--dspm.report.dir=" + dir.resolve("reports")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("MANUS_ASSET_AUDIT_KEY", ManusSimulator.AUDIT_KEY);

        Process run = builder.start();
        assertThat(run.waitFor(180, TimeUnit.SECONDS)).isTrue();

        List<String> lines = Files.readAllLines(log);
        assumeTrue(lines.stream().noneMatch(line -> line.startsWith("unshare:") || line.startsWith("mount:")),
                () -> "no mount namespace with a tmpfs here: " + lines);
        assertThat(run.exitValue()).as(String.join("\n", lines)).isEqualTo(1);
        // The job may end FAILED before H2 closes itself ("run 1 failed: ..."), or H2's closing may end the job: which
        // comes first is timing, and either way the line names the disk and the setting.
        assertThat(lines.get(lines.size() - 1)).as(String.join("\n", lines)).isIn(Stream.of("", "run 1 failed: ")
                .map(prefix -> "dspm-scanner: " + prefix + "the disk holding the H2 database " + data.resolve("dspm.mv.db")
                        + " is full (No space left on device); the database closed itself and the run stopped: free space "
                        + "there, or move the database with spring.datasource.url (e.g. jdbc:h2:file:/var/lib/dspm-scanner/dspm, "
                        + "or a PostgreSQL URL)").toList());
        assertThat(lines).noneMatch(line -> line.startsWith("\tat ") || line.contains("has been closed"));
    }

    /** {@code unshare} a mount namespace (and, for a user that is not root, a user namespace) and mount a tmpfs there. */
    private static List<String> namespaceWithTmpfs(Path at) {
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private"));
        if (!"root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("--user", "--map-root-user"));
        }
        command.addAll(List.of("sh", "-c", "mount -t tmpfs -o size=6m tmpfs \"$0\" && exec \"$@\"", at.toString()));
        return command;
    }
}
