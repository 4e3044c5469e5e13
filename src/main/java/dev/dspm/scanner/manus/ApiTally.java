package dev.dspm.scanner.manus;

import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What this process asked of the API: every answer by operation and outcome (the HTTP status, or {@code timeout} or
 * {@code transport} when none came), and every attempt that repeated a request. Read by the run's metrics; safe from
 * every partition's thread.
 */
public final class ApiTally {

    /** An operation ({@code team.asset.list}) and how one attempt at it ended ({@code 200}, {@code 429}, {@code timeout}). */
    public record Answer(String operation, String outcome) implements Comparable<Answer> {
        @Override
        public int compareTo(Answer other) {
            int byOperation = operation.compareTo(other.operation);
            return byOperation != 0 ? byOperation : outcome.compareTo(other.outcome);
        }
    }

    private final Map<Answer, LongAdder> answers = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> retries = new ConcurrentHashMap<>();

    void answered(String operation, int status) {
        count(answers, new Answer(operation, Integer.toString(status)));
    }

    void failedWithoutAnswer(String operation, Exception failure) {
        count(answers, new Answer(operation, failure instanceof HttpTimeoutException ? "timeout" : "transport"));
    }

    void retried(String operation) {
        count(retries, operation);
    }

    /** Attempts so far, by operation and outcome, in that order. */
    public Map<Answer, Long> answers() {
        return snapshot(answers);
    }

    /** Attempts so far that repeated a request (after a failure, or beside one that went unanswered), by operation. */
    public Map<String, Long> retries() {
        return snapshot(retries);
    }

    private static <K> void count(Map<K, LongAdder> counts, K key) {
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private static <K extends Comparable<K>> Map<K, Long> snapshot(Map<K, LongAdder> counts) {
        Map<K, Long> copy = new TreeMap<>();
        counts.forEach((key, count) -> copy.put(key, count.sum()));
        return copy;
    }
}
