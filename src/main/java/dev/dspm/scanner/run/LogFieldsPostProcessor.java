package dev.dspm.scanner.run;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.logging.RunLogFields;
import dev.dspm.scanner.snapshot.RunParameters;

/**
 * Gives every step and every thread pool of the application the {@link RunLogFields}: a step sets them on the thread
 * that runs it (a partition's worker step on its pool thread), a pool carries the submitting thread's fields into
 * its task. Here once rather than in each step's and pool's definition, so that a new one cannot miss them.
 */
@Component
class LogFieldsPostProcessor implements BeanPostProcessor {

    private static final StepExecutionListener STEP_FIELDS = new StepExecutionListener() {
        @Override
        public void beforeStep(StepExecution step) {
            RunLogFields.set(RunParameters.runId(step), step.getStepName());
        }

        @Override
        public ExitStatus afterStep(StepExecution step) {
            RunLogFields.leaveStep();
            return null;
        }
    };

    @Override
    public Object postProcessBeforeInitialization(Object bean, String name) {
        if (bean instanceof AbstractStep step) {
            step.registerStepExecutionListener(STEP_FIELDS);
        } else if (bean instanceof ThreadPoolTaskExecutor pool) {
            // before initialize(), which is when the pool takes its decorator
            pool.setTaskDecorator(RunLogFields::carried);
        }
        return bean;
    }
}
