package dev.dspm.scanner.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.findings.WaiverRecords;
import dev.dspm.scanner.manus.ApiKeys;
import dev.dspm.scanner.remediation.NamedRuns;
import dev.dspm.scanner.scan.ScanSettings;
import dev.dspm.scanner.snapshot.Installation;
import dev.dspm.scanner.snapshot.RunParameters;

/**
 * The nightly scan: a new run, or the tenant's last one resumed (same scope, same key, recent enough). Under the lock
 * it checks each key with one small request before the job starts, so that a refused key creates no run to resume.
 */
@Component
class ScanLaunch implements Launch {

    private static final Logger log = LoggerFactory.getLogger(ScanLaunch.class);

    private final JobOperator jobOperator;
    private final Job shareScan;
    private final ScanSettings settings;
    private final ApiKeys keys;
    private final ResumableRuns resumableRuns;
    private final AccessCheck accessCheck;
    private final WaiverRecords waivers;
    private final NamedRuns namedRuns;
    private final RunStop stop;
    private final Clock clock;
    private final Installation installation;

    ScanLaunch(JobOperator jobOperator, @Qualifier("shareScan") Job shareScan, ScanSettings settings, ApiKeys keys,
            ResumableRuns resumableRuns, AccessCheck accessCheck, WaiverRecords waivers, NamedRuns namedRuns, RunStop stop,
            Clock clock, Installation installation) {
        this.jobOperator = jobOperator;
        this.shareScan = shareScan;
        this.settings = settings;
        this.keys = keys;
        this.resumableRuns = resumableRuns;
        this.accessCheck = accessCheck;
        this.waivers = waivers;
        this.namedRuns = namedRuns;
        this.stop = stop;
        this.clock = clock;
        this.installation = installation;
    }

    @Override
    public RunEnded.Command command() {
        return RunEnded.Command.SCAN;
    }

    @Override
    public void check(Tenant tenant, Instant now) {
        waivers.refuseExpiredOnArrival(tenant.name(), now);
        namedRuns.check(tenant.name(), now);
    }

    @Override
    public Launched launch(Tenant tenant) throws Exception {
        String scope = scopeFingerprint();
        String key = keys.readKey().fingerprint(installation.identity().keySalt());
        Optional<JobExecution> resumable = resumableRuns.find(tenant, scope, key);
        JobParameters parameters = resumable.map(JobExecution::getJobParameters)
                .orElseGet(() -> freshParameters(tenant, scope, key));
        Optional<RunEnd> refused = accessCheck.refusal(RunParameters.endTime(parameters));
        if (refused.isPresent()) {
            return Launched.endedBeforeTheJob(refused.get());
        }
        try {
            return Launched.ran(resumable.isPresent() ? jobOperator.restart(resumable.get())
                    : jobOperator.start(shareScan, parameters));
        } catch (RuntimeException e) {
            // A stop that closed the pool under the job (lost lock, gone database) leaves Spring Batch
            // unable to record the end: the stop is the cause to report, not the failed bookkeeping.
            if (stop.reason().isEmpty()) {
                throw e;
            }
            log.debug("the stopped run could not be recorded", e);
            return Launched.endedBeforeTheJob(new RunEnd(RunOutcome.STOPPED, "the run stopped (" + stop.reason().get()
                    + "); the next start resumes it"));
        }
    }

    @Override
    public long runId(JobExecution execution) {
        return execution.getJobInstance().getInstanceId();
    }

    @Override
    public String stopped(long runId, String reason) {
        return "run " + runId + " stopped (" + reason + "); the next start resumes it";
    }

    private JobParameters freshParameters(Tenant tenant, String scope, String key) {
        JobParametersBuilder builder = new JobParametersBuilder()
                .addString(RunParameters.TENANT, tenant.name())
                .addString(RunParameters.SCOPE, scope)
                .addString(RunParameters.KEY, key, false)
                .addLong(RunParameters.LAUNCHED, clock.millis());
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (settings.pinEndTime()) {
            Instant before = settings.sharedBefore();
            builder.addString(RunParameters.END_TIME, (before != null && before.isBefore(now) ? before : now).toString(), false);
        }
        return builder.toJobParameters();
    }

    /** A digest, not the values: owner lists are long and a job parameter holds 2,500 characters. */
    private String scopeFingerprint() {
        String scope = String.join("|", settings.assetTypes().toString(), settings.ownerIds().toString(),
                String.valueOf(settings.keyword()), String.valueOf(settings.sharedAfter()),
                String.valueOf(settings.sharedBefore()))
                // appended only when set, so that the scope of every other run reads as it always did
                + (settings.ownerEmails().isEmpty() ? "" : "|" + settings.ownerEmails());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(scope.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
