package dev.dspm.scanner.scan;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.dspm.scanner.manus.ApiKeys;
import dev.dspm.scanner.manus.AssetType;
import dev.dspm.scanner.owner.OwnerEmails;
import dev.dspm.scanner.snapshot.PartitionLedger;
import dev.dspm.scanner.snapshot.RunParameters;
import dev.dspm.scanner.snapshot.RunTables;
import dev.dspm.scanner.snapshot.Runs;
import dev.dspm.scanner.snapshot.ScanScope;

/**
 * Records the run, its partitions and its empty table before the first page is read. Settings and keys were checked
 * before the job started (exit 2 there, with nothing written); owner emails are resolved here, under the tenant's lock
 * and after the key checks, and the owners kept in the job's context, so that a resumed run scans the same owners.
 * This step makes the ledger the seal will later hold every partition to.
 */
class Preflight implements Tasklet {

    /** Job context key of the owners the run scans (empty: every owner). */
    static final String OWNERS = "scan.owners";

    private static final Logger log = LoggerFactory.getLogger(Preflight.class);

    private final ScanSettings settings;
    private final ApiKeys keys;
    private final OwnerEmails emails;
    private final Runs runs;
    private final PartitionLedger ledger;
    private final RunTables tables;
    private final Clock clock;

    Preflight(ScanSettings settings, ApiKeys keys, OwnerEmails emails, Runs runs, PartitionLedger ledger, RunTables tables,
            Clock clock) {
        this.settings = settings;
        this.keys = keys;
        this.emails = emails;
        this.runs = runs;
        this.ledger = ledger;
        this.tables = tables;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long runId = RunParameters.runId(contribution.getStepExecution());
        JobParameters parameters = contribution.getStepExecution().getJobParameters();
        String tenant = parameters.getString(RunParameters.TENANT);
        Instant endTime = RunParameters.endTime(parameters);
        Set<String> owners = new LinkedHashSet<>(settings.ownerIds());
        if (!settings.ownerEmails().isEmpty()) {
            owners.addAll(emails.resolve(settings.ownerEmails()));
        }
        List<String> ownerIds = new ArrayList<>(owners);
        contribution.getStepExecution().getJobExecution().getExecutionContext().put(OWNERS, new ArrayList<>(ownerIds));
        List<ScanPartition> partitions = ScanPartition.plan(settings.assetTypes(), ownerIds);
        ScanScope scope = new ScanScope(settings.assetTypes().stream().map(AssetType::name).toList(), ownerIds,
                settings.keyword(), settings.sharedAfter(), settings.sharedBefore());
        runs.begin(runId, tenant, keys.readKeyType(), scope, settings.pageSize(), endTime, clock.instant());
        ledger.plan(runId, partitions.stream().map(ScanPartition::planned).toList());
        tables.create(runId);
        log.info("run {}: scanning {} of {} with the key in {} ({} partitions, pages of {}{})", runId,
                settings.assetTypes(), tenant, keys.readKeySource(), partitions.size(), settings.pageSize(),
                endTime == null ? "" : ", shares issued before " + endTime);
        return RepeatStatus.FINISHED;
    }

    /** The owners a run scans, as its preflight kept them. */
    @SuppressWarnings("unchecked")
    static List<String> owners(Object kept) {
        return kept == null ? List.of() : (List<String>) kept;
    }
}
