package dev.dspm.scanner.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.Console;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/** The earlier run an approved plan or a revert names is checked before any request: exit 2, one line, nothing sent. */
class NamedRunsTests {

    @TempDir
    Path dir;

    ManusSimulator simulator;
    RemediationNights nights;
    String db;

    @BeforeEach
    void start() {
        simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(43L, 100)));
        nights = new RemediationNights(simulator, dir);
        db = TestDatabases.h2(dir);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aPlanOlderThanTheMaximumAgeIsRefusedAndOneWithinItIsNot() throws Exception {
        assertThat(nights.run(db, "--dspm.remediation.grace-period=PT0S")).isZero();
        int requests = simulator.requestCount();

        Console.Captured old = Console.capture(() -> nights.apply(db, "--dspm.remediation.approved-plan=1",
                "--dspm.remediation.approved-plan-max-age=PT0.001S"));

        assertThat(old.exit()).isEqualTo(2);
        assertThat(old.err().strip().lines()).singleElement().asString().startsWith("dspm-scanner: ")
                .contains("dspm.remediation.approved-plan=1 was planned on a snapshot taken 0 h ago, more than "
                        + "dspm.remediation.approved-plan-max-age=PT0.001S: review a fresh plan instead");
        assertThat(simulator.requestCount()).isEqualTo(requests);
        assertThat(nights.apply(db, "--dspm.remediation.approved-plan=1")).as("within the default P7D").isZero();
        assertThat(nights.changed()).isNotEmpty();
    }

    @Test
    void aPlanOrARevertOfAnotherTenantIsRefused() throws Exception {
        assertThat(nights.apply(db, "--dspm.tenant=acme")).isZero();
        int requests = simulator.requestCount();

        for (String named : new String[] { "--dspm.remediation.approved-plan=1", "--dspm.remediation.revert=1" }) {
            Console.Captured refused = Console.capture(() -> nights.apply(db, "--dspm.tenant=globex", named));
            assertThat(refused.exit()).isEqualTo(2);
            assertThat(refused.err()).contains(named.substring(2) + " is a run of another tenant");
        }
        assertThat(simulator.requestCount()).isEqualTo(requests);
    }

    @Test
    void aRevertAndAnApprovedPlanTogetherAreRefused() throws Exception {
        Console.Captured both = Console.capture(() -> nights.apply(db, "--dspm.remediation.revert=1",
                "--dspm.remediation.approved-plan=1"));

        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("dspm.remediation.revert and dspm.remediation.approved-plan cannot be set together");
        assertThat(simulator.requestCount()).isZero();
    }

    @Test
    void aRevertOfARunThatAppliedNothingOrOfNoRunIsRefused() throws Exception {
        assertThat(nights.run(db)).isZero();
        int requests = simulator.requestCount();

        Console.Captured nothing = Console.capture(() -> nights.apply(db, "--dspm.remediation.revert=1"));
        Console.Captured none = Console.capture(() -> nights.apply(db, "--dspm.remediation.revert=9"));

        assertThat(nothing.exit()).isEqualTo(2);
        assertThat(nothing.err()).contains("dspm.remediation.revert=1: that run applied no action, so there is nothing to take back");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("dspm.remediation.revert=9: no run has that id (or retention pruned it)");
        assertThat(simulator.requestCount()).isEqualTo(requests);
    }
}
