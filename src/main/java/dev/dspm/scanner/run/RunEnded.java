package dev.dspm.scanner.run;

import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;

/**
 * A run as it ended: published once by every command that runs a job, after the run's last line is printed and its
 * lock released, for what must happen then whatever the outcome (the metrics; later, the notifications). A listener
 * never changes the exit code: what it fails at, it logs.
 *
 * @param tenant    the team ({@code dspm.tenant})
 * @param command   the command that ran: a nightly scan, or a re-judge of a stored snapshot
 * @param runId     the run the command worked on, if it got one (a scan locked out or refused its key has none)
 * @param outcome   how it ended
 * @param execution its job execution in this process, if one started
 * @param counts    what the run holds in the database, each part only once the run has it
 * @param line      the run's last line, when it did not simply complete: why it failed, stopped or exits 3
 */
public record RunEnded(String tenant, Command command, Optional<Long> runId, RunOutcome outcome,
        Optional<JobExecution> execution, RunCounts counts, Optional<String> line) {

    /** The commands that run a job. */
    public enum Command {
        SCAN, REJUDGE
    }
}
