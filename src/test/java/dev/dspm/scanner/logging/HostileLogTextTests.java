package dev.dspm.scanner.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.Console;
import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * Issue 26 item 4, on the plain console a person reads (not ECS): a share uid and the server's request ids carrying
 * CR, LF, ESC and OSC sequences and a bidi override reach log lines (remediation names both for every change it
 * applies; a failed attempt names the request id), yet no line can be forged and nothing reaches the terminal that it
 * would act on.
 */
class HostileLogTextTests {

    static final String FORGED = "12:00:00.000 ERROR forged";
    static final String REQUEST_ID = "x\r\n" + FORGED + "\u001b]0;title\u0007\u202e";
    static final String UID = "shr_evil\r\n" + FORGED + " uid\u001b[2J\u001b]0;owned\u0007\u202egnp.exe";

    @TempDir
    Path dir;

    ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(
            TenantSpec.of(21L, Map.of("ASSET_TYPE_FILE_SHARE", 60))));

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aHostileUidAndRequestIdForgeNoLineAndSendTheTerminalNoControl() throws Exception {
        simulator.tenant().addShare("ASSET_TYPE_FILE_SHARE", UID);
        simulator.lies().requestId(REQUEST_ID);
        simulator.faults().failNext(503, 2); // two failed attempts: WARN lines that quote the request id

        Console.Captured run = Console.capture(() -> JobRun.against(simulator, TestDatabases.h2(dir),
                "--dspm.scan.asset-types=FILE_SHARE", "--dspm.scan.page-size=20", "--dspm.remediation.mode=apply",
                "--MANUS_ASSET_MGMT_KEY=" + ManusSimulator.MGMT_KEY, "--dspm.remediation.grace-period=PT0S",
                "--dspm.remediation.max-actions=1000"));

        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(simulator.tenant().overrideOf(UID)).as("the hostile share was tightened, so its uid was logged")
                .isPresent();
        String console = run.all();
        // what a person would see had the console let them through: a forged line, a cleared screen, a new title
        List<String> lines = Arrays.asList(console.split("\r\n|\r|\n|\u0085|\u2028|\u2029"));
        assertThat(lines).noneMatch(line -> line.startsWith(FORGED));
        assertThat(console).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u202e")
                .doesNotContain("\r");
        // the hostile text did reach the log lines, made inert
        assertThat(lines).anyMatch(line -> line.contains("share shr_evil\uFFFD\uFFFD" + FORGED + " uid\uFFFD[2J"))
                .anyMatch(line -> line.contains("request_id=x\uFFFD\uFFFD" + FORGED + "\uFFFD]0;title\uFFFD\uFFFD"));
    }
}
