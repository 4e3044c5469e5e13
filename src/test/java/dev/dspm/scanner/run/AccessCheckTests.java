package dev.dspm.scanner.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.Console;
import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.Snapshot;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.scan.ScanJobConfigurationTests;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.RecordedRequest;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/** A refused key or an unreachable API is one line at the first request, with no run left to resume. */
class AccessCheckTests {

    @TempDir
    Path dir;

    ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(
            TenantSpec.of(13L, Map.of(ScanJobConfigurationTests.FILE, 300, ScanJobConfigurationTests.SESSION, 200))));

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aRefusedKeyIsExitTwoWithOneLineOneRequestAndNoRunToResume() throws Exception {
        String db = TestDatabases.h2(dir);

        Console.Captured refused = Console.capture(() -> JobRun.against(simulator, db, "--MANUS_ASSET_AUDIT_KEY=not-a-key"));

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err().strip().lines()).hasSize(1).first().asString()
                .startsWith("dspm-scanner: the API refused the key in MANUS_ASSET_AUDIT_KEY (unauthenticated, request_id=")
                .contains("Team Asset Audit key").doesNotContain("not-a-key");
        assertThat(refused.out()).as("no start-up line claims a key type").doesNotContain("AUDIT key");
        assertThat(simulator.requestCount()).isEqualTo(1);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_run")).isZero();
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).as("nothing to resume").isZero();

        Console.Captured accepted = Console.capture(() -> JobRun.against(simulator, db));
        assertThat(accepted.exit()).isZero();
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_run WHERE complete")).isEqualTo(1);
        // Nothing in an answer tells a key's type: the start-up line names where the key came from.
        assertThat(accepted.out()).contains("with the key in MANUS_ASSET_AUDIT_KEY (").doesNotContain("AUDIT key");
    }

    @Test
    void aReadOnlyKeyInTheManagementVariableIsExitTwoBeforeAnyShareIsListedAndAManagementKeyPasses() throws Exception {
        String db = TestDatabases.h2(dir);
        String[] apply = { "--dspm.remediation.mode=apply", "--MANUS_ASSET_MGMT_KEY=" + ManusSimulator.AUDIT_KEY };

        Console.Captured refused = Console.capture(() -> JobRun.against(simulator, db, apply));

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err().strip().lines()).hasSize(1).first().asString()
                .startsWith("dspm-scanner: the API refused the key in MANUS_ASSET_MGMT_KEY (permission_denied, request_id=")
                .contains("only a Team Asset Management key of this team may call").doesNotContain(ManusSimulator.AUDIT_KEY);
        assertThat(simulator.requests()).as("the listing check, then the write check: no page of the scan")
                .extracting(RecordedRequest::path).containsExactly("/v2/team.asset.list", "/v2/team.asset.update_scope");
        assertThat(simulator.tenant().auditLog()).isEmpty();
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).as("nothing to resume").isZero();

        apply[1] = "--MANUS_ASSET_MGMT_KEY=" + ManusSimulator.MGMT_KEY;
        assertThat(JobRun.against(simulator, db, apply)).isZero();
        assertThat(simulator.tenant().auditLog()).as("the check changed nothing").isEmpty();
    }

    @Test
    void anApiThatCannotBeReachedIsOneLineNamingTheUrlAndNoRun() throws Exception {
        String db = TestDatabases.h2(dir);
        String url = "http://127.0.0.1:" + simulator.baseUrl().getPort();
        simulator.close();

        Console.Captured failed = Console.capture(() -> JobRun.against(simulator, db, "--dspm.api.max-attempts=2"));

        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.err().strip().lines().reduce((first, second) -> second).orElseThrow())
                .startsWith("dspm-scanner: cannot list shares at " + url + ": team.asset.list")
                .contains("ConnectException");
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isZero();
    }
}
