package dev.dspm.scanner.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/** The H2 file holds the whole inventory: no other user of the machine may read it. */
class H2FilePermissionsTests {

    @TempDir
    Path dir;

    ManusSimulator simulator;

    @BeforeEach
    void startSimulator() {
        simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(3L, 200)));
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    @Test
    void theFolderTheJobCreatesIsTheOwnersAloneAndSoAreTheDatabasesFiles() throws Exception {
        Path data = dir.resolve("data");
        assertThat(JobRun.against(simulator, "jdbc:h2:file:" + data.resolve("dspm") + ";AUTO_SERVER=FALSE")).isZero();

        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(databaseFiles(data)).isNotEmpty().allSatisfy(file -> assertThat(mode(file)).isEqualTo("rw-------"));
    }

    @Test
    void aDatabaseLeftReadableByAnOlderVersionIsMadeTheOwnersAlone() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        String url = "jdbc:h2:" + data.resolve("dspm");
        assertThat(JobRun.against(simulator, url)).isZero();
        for (Path file : databaseFiles(data)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }

        assertThat(JobRun.against(simulator, url)).isZero();

        assertThat(databaseFiles(data)).isNotEmpty().allSatisfy(file -> assertThat(mode(file)).isEqualTo("rw-------"));
        assertThat(mode(data)).as("a folder it did not create keeps its mode").isEqualTo("rwxr-xr-x");
    }

    @Test
    void onlyAnH2FileHasAFileToProtect() {
        assertThat(H2FilePermissions.fileOf("jdbc:h2:file:./data/dspm;AUTO_SERVER=FALSE")).contains(Path.of("./data/dspm"));
        assertThat(H2FilePermissions.fileOf("jdbc:h2:/var/lib/dspm/db")).contains(Path.of("/var/lib/dspm/db"));
        assertThat(H2FilePermissions.fileOf("jdbc:h2:~/dspm")).contains(Path.of(System.getProperty("user.home") + "/dspm"));
        assertThat(H2FilePermissions.fileOf("jdbc:h2:mem:x")).isEmpty();
        assertThat(H2FilePermissions.fileOf("jdbc:h2:tcp://host/db")).isEmpty();
        assertThat(H2FilePermissions.fileOf("jdbc:postgresql://db/dspm")).isEmpty();
    }

    private static List<Path> databaseFiles(Path data) throws Exception {
        try (Stream<Path> files = Files.list(data)) {
            return files.filter(file -> file.getFileName().toString().startsWith("dspm.")).toList();
        }
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
