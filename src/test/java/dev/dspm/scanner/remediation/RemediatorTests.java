package dev.dspm.scanner.remediation;

import static dev.dspm.scanner.remediation.RemediationNights.actions;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.dspm.scanner.Console;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.remediation.RemediationNights.Row;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * update_scope answers that do not prove the server did nothing, against a simulator that applies a change and then
 * answers 500 or 503 (as a server failing after its commit does): each share is read again, never sent twice blindly,
 * and recorded as what it is.
 */
class RemediatorTests {

    @TempDir
    Path dir;

    ManusSimulator simulator;
    RemediationNights nights;
    String db;

    @BeforeEach
    void start() {
        simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(43L, 400)));
        nights = new RemediationNights(simulator, dir);
        db = TestDatabases.h2(dir);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = { 500, 503 })
    void aChangeAnsweredWithAServerErrorIsReadBackAndRecordedAppliedWithExactlyOneCallPerShare(int status) throws Exception {
        simulator.faults().applyThenFailNextUpdates(status, Integer.MAX_VALUE);

        Console.Captured run = Console.capture(() -> nights.apply(db));

        assertThat(run.exit()).as(run.err()).isZero();
        Map<String, Row> applied = actions(db, 1, "APPLIED");
        assertThat(applied).hasSizeGreaterThan(40);
        assertThat(nights.updates()).as("one call per share").isEqualTo(applied.size());
        assertThat(nights.changed()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(applied.keySet());
        assertThat(applied.values()).as("the unclear answer's request id").allSatisfy(a -> assertThat(a.requestId()).startsWith("req-"));
        assertThat(actions(db, 1, "FAILED")).isEmpty();
        assertThat(actions(db, 1, "IN_FLIGHT")).isEmpty();
    }

    @Test
    void aChangeRefusedWithA503BeforeItWasAppliedIsSentAgainAfterAReadingShowsNoChange() throws Exception {
        // Shedding: the first two calls are turned away without being applied.
        simulator.faults().beforeListRequest(2, tenant -> simulator.faults().failNextUpdates(503, 2));

        assertThat(nights.apply(db)).isZero();

        Map<String, Row> applied = actions(db, 1, "APPLIED");
        assertThat(nights.changed()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(applied.keySet());
        assertThat(nights.updates()).as("two calls the server shed, each sent again once").isEqualTo(applied.size() + 2);
        assertThat(actions(db, 1, "FAILED")).isEmpty();
    }

    @Test
    void aChangeThatNeverLandsFailsAfterThreeCallsEachAfterAReading() throws Exception {
        simulator.faults().beforeListRequest(2, tenant -> simulator.faults().failNextUpdates(503, Remediator.MAX_SENDS));

        // One thread: the simulator fails the next three calls, whichever action they are for.
        Console.Captured run = Console.capture(() -> nights.apply(db, "--dspm.remediation.threads=1"));

        assertThat(run.exit()).isEqualTo(1);
        Map<String, Row> failed = actions(db, 1, "FAILED");
        assertThat(failed).hasSize(1);
        assertThat(failed.values().iterator().next().error()).contains("failed: unavailable (HTTP 503", "; read again after "
                + "each of 3 calls, the share shows no change");
        assertThat(nights.updates()).isEqualTo(actions(db, 1, "APPLIED").size() + Remediator.MAX_SENDS);
        assertThat(new HashSet<>(nights.changed())).isEqualTo(actions(db, 1, "APPLIED").keySet());
    }

    @Test
    void aRequestIdLongerThanItsColumnIsShortenedAndTheRunEndsWithItsReport() throws Exception {
        simulator.faults().requestIdLength(300);

        Console.Captured run = Console.capture(() -> nights.apply(db));

        assertThat(run.exit()).as(run.err()).isZero();
        Map<String, Row> applied = actions(db, 1, "APPLIED");
        assertThat(applied).isNotEmpty().allSatisfy((uid, a) -> assertThat(a.requestId()).hasSize(129).startsWith("req-")
                .endsWith("x\u2026"));
        assertThat(nights.reports().resolve("1/report.json")).exists();
        assertThat(Files.readString(nights.reports().resolve("1/report.json"))).doesNotContain("x".repeat(129));
    }
}
