package dev.dspm.scanner.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The runtime stage of the Dockerfile: no Docker engine here, so its text is what can be checked. */
class DockerfileTests {

    private static final Pattern ENV_ASSIGNMENT = Pattern.compile("([A-Z_][A-Z0-9_]*)=(\\S+)");

    @Test
    void theRuntimeStageIsAJreRunAsANumericNonRootUser() throws IOException {
        List<String> runtime = runtimeStage();
        assertThat(runtime.get(0)).matches("FROM eclipse-temurin:17-jre\\b.*");
        String user = lastStarting(runtime, "USER ").substring("USER ".length()).trim();
        assertThat(user).matches("[1-9]\\d*(:\\d+)?");
    }

    /** A tag moves; a digest names bytes: each stage's base image is pinned by a sha256 digest (issue 26 item 19). */
    @Test
    void everyBaseImageIsPinnedByDigest() throws IOException {
        List<String> froms = Files.readAllLines(Path.of("Dockerfile")).stream().filter(line -> line.startsWith("FROM ")).toList();
        assertThat(froms).hasSize(2).allSatisfy(from -> assertThat(from).matches("FROM [a-z0-9./-]+:[\\w.-]+@sha256:[0-9a-f]{64}( AS \\w+)?"));
    }

    @Test
    void theEntrypointIsExecFormSoSigtermReachesTheJvm() throws IOException {
        String entrypoint = lastStarting(runtimeStage(), "ENTRYPOINT ");
        assertThat(entrypoint).matches("ENTRYPOINT \\[\"java\", .*\"-jar\", \"/opt/dspm-scanner/dspm-scanner.jar\"\\]");
    }

    /** JAVA_TOOL_OPTIONS makes every JVM print "Picked up JAVA_TOOL_OPTIONS" on stderr, a line no ECS parser reads. */
    @Test
    void theHeapIsSizedOnTheCommandLineNotInJavaToolOptions() throws IOException {
        List<String> runtime = runtimeStage();
        String entrypoint = lastStarting(runtime, "ENTRYPOINT ");
        assertThat(entrypoint.indexOf("\"-XX:MaxRAMPercentage=75\"")).as("a JVM option, before -jar").isPositive()
                .isLessThan(entrypoint.indexOf("\"-jar\""));
        assertThat(String.join("\n", runtime)).doesNotContain("JAVA_TOOL_OPTIONS");
    }

    /** Start-up maps the classes from an archive built in the image (deploy/appcds.sh), as root, before the job's user. */
    @Test
    void theJobStartsWithTheClassDataSharingArchiveBuiltBeforeTheUserIsSet() throws IOException {
        List<String> runtime = runtimeStage();
        int extracted = indexOf(runtime, line -> line.startsWith("COPY --from=build /src/target/extracted/ /opt/dspm-scanner/"));
        int build = indexOf(runtime, line -> line.startsWith("RUN ") && line.contains("appcds.sh /opt/dspm-scanner"));
        assertThat(extracted).isGreaterThanOrEqualTo(0).isLessThan(build);
        assertThat(build).isLessThan(indexOf(runtime, line -> line.startsWith("USER ")));
        assertThat(Files.readString(Path.of("Dockerfile"))).contains("-Djarmode=tools -jar target/dspm-scanner.jar extract "
                + "--destination target/extracted");
        assertThat(lastStarting(runtime, "ENTRYPOINT ")).contains("\"-XX:SharedArchiveFile=/opt/dspm-scanner/dspm-scanner.jsa\"");
        assertThat(Files.readAllLines(Path.of(".dockerignore"))).contains("!deploy/appcds.sh");
    }

    @Test
    void theEnvironmentSetsThePathsTheCronJobMountsAndNoKey() throws IOException {
        String env = String.join(" ", runtimeStage().stream().filter(line -> line.startsWith("ENV ")).toList());
        Matcher assignments = ENV_ASSIGNMENT.matcher(env);
        Map<String, String> values = new HashMap<>();
        while (assignments.find()) {
            values.put(assignments.group(1), assignments.group(2));
        }
        assertThat(values).containsEntry("DSPM_POLICIES_DIR", KubernetesManifestsTests.mountPath("policies"))
                .containsEntry("DSPM_REPORT_DIR", KubernetesManifestsTests.mountPath("reports"));
        assertThat(values.keySet()).noneMatch(name -> name.contains("KEY") || name.contains("PASSWORD") || name.contains("SECRET"));
    }

    /** The lines after the last FROM, with continuation lines joined. */
    private static List<String> runtimeStage() throws IOException {
        List<String> lines = List.of(Files.readString(Path.of("Dockerfile")).replace("\\\n", " ").split("\n"))
                .stream().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        int from = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("FROM ")) {
                from = i;
            }
        }
        return lines.subList(from, lines.size());
    }

    private static int indexOf(List<String> lines, Predicate<String> line) {
        for (int i = 0; i < lines.size(); i++) {
            if (line.test(lines.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String lastStarting(List<String> lines, String prefix) {
        return lines.stream().filter(line -> line.startsWith(prefix)).reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no " + prefix.strip() + " in the runtime stage"));
    }
}
