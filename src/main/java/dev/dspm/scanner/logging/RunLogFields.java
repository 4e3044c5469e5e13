package dev.dspm.scanner.logging;

import java.util.Map;

import org.slf4j.MDC;

/**
 * The run id and the step name on every log line of a run, as MDC entries: structured logs write them as the fields
 * {@code dspm.run_id} and {@code dspm.step}. Set on the job's thread by each step (see {@code run.LogFieldsPostProcessor}),
 * carried to the threads of the pools a step hands work to, and cleared after: a pooled thread must not carry one
 * run's id into the next.
 */
public final class RunLogFields {

    static final String RUN_ID = "dspm.run_id";
    static final String STEP = "dspm.step";

    private RunLogFields() {
    }

    public static void set(long runId, String step) {
        MDC.put(RUN_ID, Long.toString(runId));
        MDC.put(STEP, step);
    }

    public static void leaveStep() {
        MDC.remove(STEP);
    }

    /** Once the run's last line is out. */
    public static void clear() {
        MDC.remove(RUN_ID);
        MDC.remove(STEP);
    }

    /** The task with the fields of the thread that hands it over (a pool's TaskDecorator). */
    public static Runnable carried(Runnable task) {
        return with(MDC.getCopyOfContextMap(), task);
    }

    /** The task with these fields, for a thread of the job's own that no step hands work to. */
    public static Runnable with(long runId, String step, Runnable task) {
        return with(Map.of(RUN_ID, Long.toString(runId), STEP, step), task);
    }

    /** The task with these fields; the thread's own come back after it, so a pooled thread keeps none of a run's. */
    private static Runnable with(Map<String, String> fields, Runnable task) {
        return () -> {
            Map<String, String> previous = MDC.getCopyOfContextMap();
            if (fields != null) {
                MDC.setContextMap(fields);
            }
            try {
                task.run();
            } finally {
                if (previous == null) {
                    MDC.clear();
                } else {
                    MDC.setContextMap(previous);
                }
            }
        };
    }
}
