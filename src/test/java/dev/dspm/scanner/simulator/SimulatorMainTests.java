package dev.dspm.scanner.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.dspm.scanner.SystemTest;

@SystemTest
class SimulatorMainTests {

    /** Only the compiled main classes: proves the simulator needs nothing beyond the JDK. */
    private static final String CLASSES = classesDirectory();

    @Test
    void startsInItsOwnJvmAndStopsWhenStdinCloses() throws Exception {
        Process process = java("--shares=200", "--seed=7", "--port=0", "--rate-limit=50");
        try {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            assertThat(stdout.readLine()).as("its keys first, for whoever started it")
                    .isEqualTo("SIMULATOR_KEYS audit=" + ManusSimulator.AUDIT_KEY + " mgmt=" + ManusSimulator.MGMT_KEY
                            + " user=" + ManusSimulator.USER_KEY);
            String ready = stdout.readLine();
            assertThat(ready).matches("SIMULATOR_READY http://127\\.0\\.0\\.1:\\d+");

            URI base = URI.create(ready.substring("SIMULATOR_READY ".length()));
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(base.resolve("/v2/team.asset.list?asset_type=ASSET_TYPE_FILE_SHARE"))
                            .header("X-API-Key", ManusSimulator.AUDIT_KEY).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"total\":" + TenantSpec.realistic(7, 200).sharesPerType().get(Api.FILE) + ",");

            process.getOutputStream().close();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
            assertThat(stdout.readLine()).isNull();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aBadOptionExitsWithTwo() throws Exception {
        Process process = java("--shares=lots");

        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).contains("--shares=lots");
    }

    private static Process java(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String[] command = new String[args.length + 4];
        command[0] = java;
        command[1] = "-cp";
        command[2] = CLASSES;
        command[3] = SimulatorMain.class.getName();
        System.arraycopy(args, 0, command, 4, args.length);
        return new ProcessBuilder(command).start();
    }

    private static String classesDirectory() {
        try {
            return Path.of(SimulatorMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
