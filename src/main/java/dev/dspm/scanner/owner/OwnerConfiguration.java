package dev.dspm.scanner.owner;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.dspm.scanner.manus.ApiKeys;
import dev.dspm.scanner.manus.ManusClient;
import dev.dspm.scanner.owner.MemberListing.Listed;
import dev.dspm.scanner.snapshot.RunParameters;

/**
 * The {@code owners} step, between the seal and the evaluation: with the user management key, it lists the team's
 * members and stores them for the run, so that rules see each share's owner. Without the key it does nothing, and the
 * run's owners are unknown. A listing that fails fails the run (the next start lists again): judging without the owners
 * the key promised would resolve what only the owners could show.
 */
@Configuration(proxyBeanMethods = false)
class OwnerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OwnerConfiguration.class);

    @Bean
    MemberListing memberListing(ManusClient client) {
        return new MemberListing(client, MemberListing.PAGE);
    }

    @Bean
    Step owners(JobRepository jobRepository, ApiKeys keys, MemberListing listing, OwnerRows rows) {
        // No transaction is held open while the API is paged: OwnerRows writes each page in one of its own.
        return new StepBuilder("owners", jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    if (keys.userKey().isEmpty()) {
                        log.info("owners not enriched: set {} (a Team User Management key) for rules and reports to see "
                                + "who owns each share", ApiKeys.USER_KEY_ENV);
                        return RepeatStatus.FINISHED;
                    }
                    long runId = RunParameters.runId(contribution.getStepExecution());
                    Listed members = listing.list(rows.members(runId));
                    OwnerRows.Unmatched unmatched = rows.record(runId, members);
                    log.info("owners: {} members listed{}; {} owner ids of {} shares match no member (their owner is unknown)",
                            members.members(), members.complete() ? "" : " of " + members.apiTotal()
                                    + " (the listing kept moving: incomplete)", unmatched.owners(), unmatched.shares());
                    return RepeatStatus.FINISHED;
                }, new ResourcelessTransactionManager())
                .build();
    }
}
