package dev.dspm.scanner.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

class RunLogFieldsTests {

    /** One thread, so that every task runs on the thread the one before it used. */
    ThreadPoolTaskExecutor pool = pool();

    @AfterEach
    void stop() {
        pool.shutdown();
        RunLogFields.clear();
    }

    @Test
    void aPooledThreadCarriesTheFieldsOfTheThreadThatHandedItTheTask() throws Exception {
        RunLogFields.set(7, "scan");

        assertThat(fieldsSeenByATask(() -> { })).containsEntry(RunLogFields.RUN_ID, "7").containsEntry(RunLogFields.STEP, "scan");
    }

    @Test
    void aPooledThreadKeepsNoFieldsOfAnEarlierRun() throws Exception {
        RunLogFields.set(7, "scan");
        // a partition's worker step sets its own step on the pool's thread
        fieldsSeenByATask(() -> RunLogFields.set(7, "scanPartition:FILE_SHARE"));

        // handed over by a thread that never had fields, as a later test in the same JVM might
        CompletableFuture<Map<String, String>> seen = new CompletableFuture<>();
        Thread other = new Thread(() -> seen.completeAsync(() -> fields(), pool));
        other.start();
        assertThat(seen.get()).doesNotContainKeys(RunLogFields.RUN_ID, RunLogFields.STEP);
    }

    @Test
    void aThreadOfTheJobsOwnGetsTheFieldsItIsGivenAndLosesThemAfter() {
        CompletableFuture<Map<String, String>> seen = new CompletableFuture<>();

        RunLogFields.with(7, "scan", () -> seen.complete(fields())).run();

        assertThat(seen.join()).containsEntry(RunLogFields.RUN_ID, "7").containsEntry(RunLogFields.STEP, "scan");
        assertThat(MDC.get(RunLogFields.RUN_ID)).isNull();
    }

    private Map<String, String> fieldsSeenByATask(Runnable work) throws Exception {
        CompletableFuture<Map<String, String>> seen = new CompletableFuture<>();
        pool.execute(() -> {
            work.run();
            seen.complete(fields());
        });
        return seen.get();
    }

    private static Map<String, String> fields() {
        Map<String, String> fields = MDC.getCopyOfContextMap();
        return fields == null ? Map.of() : fields;
    }

    private static ThreadPoolTaskExecutor pool() {
        ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
        pool.setCorePoolSize(1);
        pool.setMaxPoolSize(1);
        pool.setTaskDecorator(RunLogFields::carried);
        pool.initialize();
        return pool;
    }
}
