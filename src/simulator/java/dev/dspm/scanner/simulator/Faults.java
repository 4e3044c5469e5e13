package dev.dspm.scanner.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Fault injection, thread-safe; everything may be changed while a scan runs and applies to every
 * endpoint (team.asset.list, team.asset.update_scope, team.user.list). Per request, in this order: a drop;
 * else a delay (which also postpones any failure); a rate-limit 429; a shed 429 or 503; a failNext failure; a failAfter failure;
 * otherwise the request passes, and a passing update_scope may have its answer withheld, or be applied and then
 * answered with an error as if it had not been. Only list requests
 * that pass, of assets and of users alike, count towards failAfter and beforeListRequest.
 */
public final class Faults {

    private final Object lock = new Object();
    private final Deque<CountedFailure> failNext = new ArrayDeque<>();
    private final PlannedMutations mutations = new PlannedMutations();
    private CountedFailure failAfter;
    private int okListBeforeFailAfter;
    private int dropsLeft;
    private Duration delay = Duration.ZERO;
    private int delaysLeft;
    private TokenBucket bucket;
    private Shedding shedding;
    private int retryAfterSeconds = 1;
    private int throttled;
    private Duration withholdNextUpdate;
    private CountedFailure applyThenFail;
    private CountedFailure failUpdates;
    private int requestIdLength;

    /** 429 → resource_exhausted with Retry-After; 500 → internal; 503 → unavailable; queued after earlier failNext calls. */
    public Faults failNext(int httpStatus, int times) {
        requireStatus(httpStatus);
        synchronized (lock) {
            if (times > 0) {
                failNext.add(new CountedFailure(httpStatus, times));
            }
        }
        return this;
    }

    /** Lets okListRequests more list requests (assets or users) succeed, then fails {@code times} requests (Integer.MAX_VALUE = until clear()). */
    public Faults failAfter(int okListRequests, int httpStatus, int times) {
        requireStatus(httpStatus);
        requireNonNegative("okListRequests", okListRequests);
        synchronized (lock) {
            okListBeforeFailAfter = okListRequests;
            failAfter = times > 0 ? new CountedFailure(httpStatus, times) : null;
        }
        return this;
    }

    /** Closes the connection without any response. */
    public Faults dropNext(int times) {
        requireNonNegative("times", times);
        synchronized (lock) {
            dropsLeft = times;
        }
        return this;
    }

    public Faults delayNext(Duration delay, int times) {
        Objects.requireNonNull(delay, "delay");
        requireNonNegative("times", times);
        synchronized (lock) {
            this.delay = delay;
            delaysLeft = times;
        }
        return this;
    }

    /**
     * The next update_scope request that passes the other faults is handled as usual (a valid one changes
     * the share and writes its audit entry at once) but gets no answer: the connection is held open for
     * {@code stall} and then closed without a status line. The caller cannot tell whether the override
     * landed, as when a network or process fails mid-call. The request is recorded with status 0 as soon
     * as it is handled. List requests are not affected, so the share can be listed while the caller waits.
     */
    public Faults stallAfterApplyingNextUpdate(Duration stall) {
        Objects.requireNonNull(stall, "stall");
        if (stall.isNegative()) {
            throw new IllegalArgumentException("stall must be >= 0: " + stall);
        }
        synchronized (lock) {
            withholdNextUpdate = stall;
        }
        return this;
    }

    /**
     * The next {@code times} update_scope requests that pass the other faults are handled as usual (a valid one
     * changes the share and writes its audit entry) and then answered with {@code httpStatus} (500 internal, 503
     * unavailable...) as if they had failed: what a server does when it fails after committing. A request the
     * tenant refuses (an unknown uid) is answered with that refusal instead.
     */
    public Faults applyThenFailNextUpdates(int httpStatus, int times) {
        requireStatus(httpStatus);
        requireNonNegative("times", times);
        synchronized (lock) {
            applyThenFail = times > 0 ? new CountedFailure(httpStatus, times) : null;
        }
        return this;
    }

    /**
     * The next {@code times} update_scope requests that pass the other faults are refused with {@code httpStatus}
     * and change nothing (e.g. 403: a key revoked while the run applies).
     */
    public Faults failNextUpdates(int httpStatus, int times) {
        requireStatus(httpStatus);
        requireNonNegative("times", times);
        synchronized (lock) {
            failUpdates = times > 0 ? new CountedFailure(httpStatus, times) : null;
        }
        return this;
    }

    /** Request ids padded to {@code length} characters (at least the usual {@code req-<n>}); 0 for the usual ones. */
    public Faults requestIdLength(int length) {
        requireNonNegative("length", length);
        synchronized (lock) {
            requestIdLength = length;
        }
        return this;
    }

    String requestId(long number) {
        int length;
        synchronized (lock) {
            length = requestIdLength;
        }
        String id = "req-" + number;
        return id.length() >= length ? id : id + "-" + "x".repeat(length - id.length() - 1);
    }

    /**
     * Runs the mutation just before answering the nth list request (assets or users) from now (1-based): drift
     * between pages.
     */
    public Faults beforeListRequest(int nth, Consumer<SimulatedTenant> mutation) {
        if (nth < 1) {
            throw new IllegalArgumentException("nth is 1-based: " + nth);
        }
        Objects.requireNonNull(mutation, "mutation");
        synchronized (lock) {
            mutations.planAt(nth, mutation);
        }
        return this;
    }

    /** A token bucket over all requests; when empty, 429 with Retry-After = whole seconds until a token (min 1). */
    public Faults rateLimit(double requestsPerSecond, int burst) {
        if (!(requestsPerSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("rate limit needs requestsPerSecond > 0 and burst >= 1");
        }
        synchronized (lock) {
            bucket = new TokenBucket(requestsPerSecond, burst, System.nanoTime());
        }
        return this;
    }

    /**
     * Sheds load the way an overloaded server does, whatever the client's rate: of the requests that pass the
     * drop and the rate limit, every {@code every429}-th is answered 429 (with {@link #retryAfterSeconds}) and
     * every {@code every503}-th 503 unavailable (429 when both fall on one request); counted from this call,
     * deterministic, refusing before anything is applied. 0 turns either off; {@code shedLoad(0, 0)} ends it.
     */
    public Faults shedLoad(int every429, int every503) {
        requireNonNegative("every429", every429);
        requireNonNegative("every503", every503);
        synchronized (lock) {
            shedding = every429 == 0 && every503 == 0 ? null : new Shedding(every429, every503);
        }
        return this;
    }

    /** Retry-After sent with failNext/failAfter and shed 429s (default 1). */
    public Faults retryAfterSeconds(int seconds) {
        requireNonNegative("seconds", seconds);
        synchronized (lock) {
            retryAfterSeconds = seconds;
        }
        return this;
    }

    /** Everything off, rate limit included; throttledCount keeps counting. */
    public Faults clear() {
        synchronized (lock) {
            failNext.clear();
            mutations.clear();
            failAfter = null;
            dropsLeft = 0;
            delaysLeft = 0;
            bucket = null;
            shedding = null;
            retryAfterSeconds = 1;
            withholdNextUpdate = null;
            applyThenFail = null;
            failUpdates = null;
            requestIdLength = 0;
        }
        return this;
    }

    /** 429s answered so far, whatever their cause. */
    public int throttledCount() {
        synchronized (lock) {
            return throttled;
        }
    }

    void countThrottled() {
        synchronized (lock) {
            throttled++;
        }
    }

    FaultDecision decide(Incoming request) {
        synchronized (lock) {
            if (dropsLeft > 0) {
                dropsLeft--;
                return FaultDecision.DROP;
            }
            Duration lateBy = Duration.ZERO;
            if (delaysLeft > 0) {
                delaysLeft--;
                lateBy = delay;
            }
            int wait = bucket == null ? 0 : bucket.take(System.nanoTime());
            if (wait > 0) {
                return FaultDecision.fail(429, wait, lateBy);
            }
            int shed = shedding == null ? 0 : shedding.next();
            if (shed != 0) {
                return failing(shed, lateBy);
            }
            CountedFailure failure = failNext.peek();
            if (failure != null) {
                if (failure.spend()) {
                    failNext.remove();
                }
                return failing(failure.status(), lateBy);
            }
            if (failAfter != null && okListBeforeFailAfter == 0) {
                int status = failAfter.status();
                if (failAfter.spend()) {
                    failAfter = null;
                }
                return failing(status, lateBy);
            }
            if (request.isUpdateScope() && withholdNextUpdate != null) {
                Duration stall = withholdNextUpdate;
                withholdNextUpdate = null;
                return FaultDecision.withhold(lateBy, stall);
            }
            if (request.isUpdateScope() && failUpdates != null) {
                int status = failUpdates.status();
                if (failUpdates.spend()) {
                    failUpdates = null;
                }
                return failing(status, lateBy);
            }
            if (request.isUpdateScope() && applyThenFail != null) {
                int status = applyThenFail.status();
                if (applyThenFail.spend()) {
                    applyThenFail = null;
                }
                return FaultDecision.applyThenFail(status, lateBy);
            }
            if (!request.isAnyList()) {
                return FaultDecision.pass(lateBy, List.of());
            }
            if (failAfter != null) {
                okListBeforeFailAfter--;
            }
            return FaultDecision.pass(lateBy, mutations.nextListRequest());
        }
    }

    private FaultDecision failing(int status, Duration lateBy) {
        return FaultDecision.fail(status, status == 429 ? retryAfterSeconds : FaultDecision.NO_RETRY_AFTER, lateBy);
    }

    private static void requireStatus(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an injected failure needs a 4xx or 5xx status: " + status);
        }
    }

    private static void requireNonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0: " + value);
        }
    }
}
