package dev.dspm.scanner.run;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.config.ConfigurationException;
import dev.dspm.scanner.findings.WaiverRecords;
import dev.dspm.scanner.snapshot.RunParameters;
import dev.dspm.scanner.snapshot.Runs;

/**
 * {@code --rejudge} (the tenant's newest complete, unfiltered snapshot) or {@code --rejudge=<run-id>}: judges a
 * stored snapshot again with the current policies and re-plans its remediation (never applying it), sending no
 * request and reading no key, so that a security engineer editing a rule sees its effect in seconds. Later runs'
 * findings are left as they were.
 */
@Component
public class RejudgeLaunch implements Launch {

    public static final String FLAG = "--rejudge";
    /** The property Spring makes of the flag, as the settings check sees it before any bean exists. */
    public static final String PROPERTY = "rejudge";

    private final JobOperator jobOperator;
    private final Job rejudge;
    private final Runs runs;
    private final WaiverRecords waivers;
    private final Clock clock;
    private final Optional<Long> named;
    /** The run this process judges again, once {@link #check} has found it. */
    private long judged;

    RejudgeLaunch(JobOperator jobOperator, @Qualifier("rejudge") Job rejudge, Runs runs, WaiverRecords waivers, Clock clock,
            @Value("${" + PROPERTY + ":}") String named) {
        this.jobOperator = jobOperator;
        this.rejudge = rejudge;
        this.runs = runs;
        this.waivers = waivers;
        this.clock = clock;
        this.named = parse(named);
    }

    public static boolean requested(String[] args) {
        return Arrays.stream(args).anyMatch(arg -> arg.equals(FLAG) || arg.startsWith(FLAG + "="));
    }

    /** The run named by {@code --rejudge=<run-id>}, or empty for the newest complete one; exit 2 for anything else. */
    public static Optional<Long> namedRun(String[] args) {
        return Arrays.stream(args).filter(arg -> arg.startsWith(FLAG + "=")).findFirst()
                .flatMap(arg -> parse(arg.substring(FLAG.length() + 1)));
    }

    private static Optional<Long> parse(String value) {
        String run = value.strip();
        if (run.isEmpty() || run.equals("latest")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(run));
        } catch (NumberFormatException e) {
            throw new ConfigurationException(FLAG + "=" + run + " must name a run id (a number), or be "
                    + FLAG + " alone for the newest complete snapshot");
        }
    }

    @Override
    public RunEnded.Command command() {
        return RunEnded.Command.REJUDGE;
    }

    @Override
    public void check(Tenant tenant, Instant now) {
        judged = named.isPresent() ? checked(named.get(), tenant) : runs.newestJudgeable(tenant.name()).orElseThrow(
                () -> new ConfigurationException(FLAG + ": no complete snapshot of the whole of " + tenant.name()
                        + " to judge; run a scan first, or name a run with " + FLAG + "=<run-id>"));
        waivers.refuseExpiredOnArrival(tenant.name(), now);
    }

    @Override
    public Launched launch(Tenant tenant) throws Exception {
        return Launched.ran(jobOperator.start(rejudge, new JobParametersBuilder()
                .addLong(RunParameters.JUDGED_RUN, judged)
                .addLong(RunParameters.LAUNCHED, clock.millis())
                .toJobParameters()));
    }

    @Override
    public long runId(JobExecution execution) {
        return judged;
    }

    @Override
    public String stopped(long runId, String reason) {
        return "re-judging run " + runId + " stopped (" + reason + "); " + FLAG + "=" + runId + " judges it again";
    }

    private long checked(long runId, Tenant tenant) {
        Runs.Run run = runs.find(runId).filter(Runs.Run::sealed).orElseThrow(() -> new ConfigurationException(FLAG + "="
                + runId + ": no sealed snapshot has that run id (retention may have pruned it)"));
        if (!run.tenant().equals(tenant.name())) {
            throw new ConfigurationException(FLAG + "=" + runId + ": that run belongs to another tenant; "
                    + "set dspm.tenant (or dspm.api.base-url) to the tenant it scanned");
        }
        if (!runs.finished(runId)) {
            throw new ConfigurationException(FLAG + "=" + runId + ": that run has not finished; the next scan resumes "
                    + "it, judging where it stopped");
        }
        return runId;
    }
}
