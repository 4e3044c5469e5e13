package dev.dspm.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

/**
 * The jar `package` built, run in a process of its own from another folder: Drools must compile the policies
 * from the filesystem against fact classes that live inside the Spring Boot jar.
 */
@SystemTest
class PackagedJarTests {

    static final Path JAR = Path.of("target/dspm-scanner.jar").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void theDemoJudgesTheSimulatedTenantWithThePoliciesOfAFolder() throws Exception {
        Path policies = dir.resolve("policies");
        FileSystemUtils.copyRecursively(Path.of("policies"), policies);

        Result demo = run("--demo", "--dspm.policies.dir=" + policies);

        assertThat(demo.exit()).as(demo.output()).isZero();
        assertThat(demo.output()).contains("run 1 COMPLETED").contains("findings").contains("CRITICAL")
                .contains("sensitive-name-exposed").contains("public-file-share");
    }

    @Test
    void aBrokenPolicyIsExitTwoNamingItsFileAndLine() throws Exception {
        Path policies = dir.resolve("policies");
        FileSystemUtils.copyRecursively(Path.of("policies"), policies);
        Files.writeString(policies.resolve("broken.drl"), "package dspm.policies\n\nrule \"broken\"\nwhen\n    this is not drl\nthen\nend\n");

        Result demo = run("--demo", "--dspm.policies.dir=" + policies);

        assertThat(demo.exit()).as(demo.output()).isEqualTo(2);
        assertThat(demo.output()).contains("dspm-scanner: policy error: " + policies.resolve("broken.drl") + ":5:")
                .doesNotContain("Exception");
    }

    /** The image runs the context Spring AOT generated at build time: the same night, the same contract. */
    @Test
    void withSpringAotTheDemoJudgesTheTenantAndABrokenPolicyIsStillExitTwo() throws Exception {
        Path policies = dir.resolve("policies");
        FileSystemUtils.copyRecursively(Path.of("policies"), policies);

        Result demo = run(List.of("-Dspring.aot.enabled=true"), "--demo", "--dspm.policies.dir=" + policies);

        assertThat(demo.exit()).as(demo.output()).isZero();
        assertThat(demo.output()).contains("run 1 COMPLETED").contains("CRITICAL").contains("sensitive-name-exposed")
                .contains("public-file-share");

        Files.writeString(policies.resolve("broken.drl"), "package dspm.policies\n\nrule \"broken\"\nwhen\n    this is not drl\nthen\nend\n");
        Result broken = run(List.of("-Dspring.aot.enabled=true"), "--demo", "--dspm.policies.dir=" + policies);

        assertThat(broken.exit()).as(broken.output()).isEqualTo(2);
        assertThat(broken.output()).contains("dspm-scanner: policy error: " + policies.resolve("broken.drl") + ":5:")
                .doesNotContain("Exception");
    }

    record Result(int exit, String output) {
    }

    private Result run(String... args) throws IOException, InterruptedException {
        return run(List.of(), args);
    }

    private Result run(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path log = dir.resolve("output.txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
