package dev.dspm.scanner.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * The grants the README gives the job's PostgreSQL user are enough, and no more is needed: a role that is not a
 * superuser, cannot create databases or roles, and owns nothing but its own database runs every step of two nights
 * (migrations, COPY, sealing, partitions attached, findings, remediation plan, report, and retention dropping a run).
 */
class SnapshotDatabaseTests {

    @TempDir
    Path dir;

    @Test
    void aRoleThatOwnsOnlyItsOwnDatabaseRunsTheWholeJobNightAfterNight() throws Exception {
        String admin = TestDatabases.postgres();
        String database = "dspm_least_privilege";
        try (Connection connection = TestDatabases.connect(admin); Statement sql = connection.createStatement()) {
            sql.execute("CREATE ROLE dspm LOGIN PASSWORD 'dspm-test' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION");
            sql.execute("CREATE DATABASE " + database + " OWNER dspm");
            sql.execute("REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
        }
        String url = admin.replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
        try (ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(5L, 400)))) {
            String[] args = { "--spring.datasource.url=" + url, "--spring.datasource.username=dspm",
                    "--spring.datasource.password=dspm-test", "--dspm.retention.keep-runs=1",
                    "--dspm.report.dir=" + dir.resolve("reports") };
            assertThat(JobRun.against(simulator, url, args)).isZero();
            simulator.tenant().setGlobalControl("ASSET_TYPE_FILE_SHARE", "SHARE_SCOPE_TEAM_ONLY");
            assertThat(JobRun.against(simulator, url, args)).as("the second night prunes the first").isZero();
        }
        try (Connection connection = TestDatabases.connect(admin); Statement sql = connection.createStatement();
                ResultSet role = sql.executeQuery("SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = 'dspm'")) {
            role.next();
            assertThat(role.getBoolean(1) || role.getBoolean(2) || role.getBoolean(3)).isFalse();
        }
    }
}
