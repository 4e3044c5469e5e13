package dev.dspm.scanner.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import dev.dspm.scanner.bench.LiveHeap;
import dev.dspm.scanner.bench.ProgramResults;
import dev.dspm.scanner.findings.RuleFailures;
import dev.dspm.scanner.snapshot.PartitionLedger;
import dev.dspm.scanner.snapshot.Runs;
import dev.dspm.scanner.snapshot.SnapshotDatabase;

/**
 * Issue 14's report benchmark: a judged run's three files written by the job's own {@link RunReport} (its real
 * queries and writers, in a transaction as the report step runs it) on one plain connection, with no Spring Boot,
 * so the JVM's time start to exit is the report's and the floor's (bench/PlainCsvFloor) alike.
 *
 * <p>{@code java StandaloneReport <jdbc url> <user> <password> <run id> <report dir> <results file> [first]}; the
 * files go to {@code <report dir>/<run id>/} (and latest/); the results file has {@link ProgramResults#PEAK_LIVE_HEAP}.
 * With {@code first}, only the report's first four files (report.html, report.json, report.csv, remediation.csv):
 * findings.ocsf.jsonl and report.sarif switched off, so that what the two cost is the difference.
 */
public final class StandaloneReport {

    private StandaloneReport() {
    }

    public static void main(String[] args) throws IOException {
        LiveHeap heap = LiveHeap.watch();
        try (SingleConnectionDataSource dataSource = new SingleConnectionDataSource(args[0], args[1], args[2], true)) {
            write(dataSource, Long.parseLong(args[3]), Path.of(args[4]), args.length > 6 && args[6].equals("first"));
        }
        ProgramResults.write(Path.of(args[5]), Map.of(ProgramResults.PEAK_LIVE_HEAP, heap.peakBytes()));
    }

    static RunReport.Written write(DataSource dataSource, long runId, Path dir, boolean firstFilesOnly) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        JdbcTemplate streaming = new JdbcTemplate(dataSource);
        streaming.setFetchSize(1_000); // spring.jdbc.template.fetch-size in the job
        Runs runs = new Runs(jdbc);
        SnapshotDatabase database = jdbc.sql("SELECT 1").query((rs, n) -> rs.getStatement().getConnection().getMetaData()
                .getDatabaseProductName()).single().equals("PostgreSQL") ? SnapshotDatabase.POSTGRESQL : SnapshotDatabase.H2;
        ReportSettings settings = firstFilesOnly ? new ReportSettings(dir, 10_000,
                new ReportSettings.Ocsf(false, OcsfClass.DATA_SECURITY_FINDING), new ReportSettings.Sarif(false))
                : new ReportSettings(dir, 10_000, null, null);
        OpenFindingsHistory history = new OpenFindingsHistory(jdbc);
        RunReport report = new RunReport(
                new OverviewQuery(jdbc, new OwnerQuery(jdbc), runs, new PartitionLedger(jdbc), new WaiverQuery(jdbc),
                        new RuleFailures(jdbc), history),
                new FindingRows(streaming), new RemediationRows(streaming), new WidenedShares(streaming, database), new RunPolicies(jdbc),
                history,
                List.of(new JsonFile(), new CsvFile(), new RemediationCsvFile(), new OcsfFile(settings), new SarifFile(),
                        new HtmlFile(settings)), settings, runs,
                Clock.systemUTC());
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource)).execute(status -> {
            try {
                return report.write(runId);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
