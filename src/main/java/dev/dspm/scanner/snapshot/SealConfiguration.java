package dev.dspm.scanner.snapshot;

import java.time.Clock;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** The {@code seal} step: the run's snapshot keyed, counted against the API's totals, and published, once. */
@Configuration(proxyBeanMethods = false)
class SealConfiguration {

    @Bean
    Step seal(JobRepository jobRepository, PlatformTransactionManager transactionManager, PartitionLedger ledger, Runs runs,
            RunTables tables, Clock clock) {
        return new StepBuilder("seal", jobRepository)
                .tasklet(new Seal(ledger, runs, tables, clock), transactionManager)
                .build();
    }
}
