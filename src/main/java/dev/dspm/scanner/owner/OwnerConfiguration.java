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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.dspm.scanner.manus.ApiKeys;
import dev.dspm.scanner.manus.ManusClient;
import dev.dspm.scanner.owner.MemberListing.Members;
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
    Step owners(JobRepository jobRepository, PlatformTransactionManager transactionManager, ApiKeys keys,
            MemberListing listing, OwnerRows rows) {
        // No transaction is held open while the API is paged; the rows are written in one.
        TransactionTemplate writing = new TransactionTemplate(transactionManager);
        return new StepBuilder("owners", jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    if (keys.userKey().isEmpty()) {
                        log.info("owners not enriched: set {} (a Team User Management key) for rules and reports to see "
                                + "who owns each share", ApiKeys.USER_KEY_ENV);
                        return RepeatStatus.FINISHED;
                    }
                    long runId = RunParameters.runId(contribution.getStepExecution());
                    Members members = listing.list();
                    OwnerRows.Unmatched unmatched = writing.execute(status -> rows.replace(runId, members));
                    log.info("owners: {} members listed{}; {} owner ids of {} shares match no member (their owner is unknown)",
                            members.members().size(), members.complete() ? "" : " of " + members.apiTotal()
                                    + " (the listing kept moving: incomplete)", unmatched.owners(), unmatched.shares());
                    return RepeatStatus.FINISHED;
                }, new ResourcelessTransactionManager())
                .build();
    }
}
