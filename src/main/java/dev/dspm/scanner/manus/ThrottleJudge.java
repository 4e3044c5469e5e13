package dev.dspm.scanner.manus;

/**
 * Tells a server's rate limit from a server shedding load, for {@link AdaptiveRateLimiter}. Both answer 429, but
 * only a limit refuses fewer requests when they come slower, so every cut is an experiment. The rate is held for
 * the next {@value #WINDOW} answers to requests sent after the cut, and their 429 share is compared with the share
 * among the last {@value #WINDOW} answers before it:
 * <ul>
 * <li>the share fell by half or more, or the share of successes rose with the cut's ratio (the limit's accepted
 * rate is fixed, so a slower pace wastes fewer requests): a limit, the cut stands;</li>
 * <li>about the same share: the 429s do not depend on the rate. Every cut since the experiment began is undone, and
 * the share is tolerated from then on: a 429 cuts only when the last {@value #WINDOW} answers hold more than
 * {@value #TOLERANCE} times that share. A full window without a 429 forgets it;</li>
 * <li>before the window is full, two or more 429s making a share above twice the one before, or above
 * {@value #TOO_MANY}: still far too fast, cut again at once and the experiment goes on from the new rate
 * (so a server refusing more than a third of requests whatever the rate is taken for a limit).</li>
 * </ul>
 * Not thread-safe: the limiter calls it under its lock.
 */
final class ThrottleJudge {

    static final int WINDOW = 20;
    static final double TOLERANCE = 1.5;
    static final double TOO_MANY = 1.0 / 3;

    enum Verdict {
        /** Nothing to change. */
        KEEP,
        /** Cut the rate now. */
        CUT,
        /** The cuts since the experiment began did not lower the 429 share: undo them. */
        UNDO
    }

    private final boolean[] recent = new boolean[WINDOW];
    private int recentCount;
    private int recentNext;
    private int recentThrottled;
    private double tolerated;

    private boolean onTrial;
    private double shareBefore;
    private double cutRatio;
    private int trialAnswers;
    private int trialThrottled;

    /**
     * An answer arrived; {@code current} when its request was sent at the present rate (after the last cut). Every
     * answer counts towards the recent share; only current ones can move the rate.
     */
    Verdict answered(boolean throttled, boolean current) {
        remember(throttled);
        if (!current) {
            return Verdict.KEEP;
        }
        if (onTrial) {
            return judgeTrial(throttled);
        }
        if (recentCount == WINDOW && recentThrottled == 0) {
            tolerated = 0;
        }
        return throttled && recentThrottled > tolerated * TOLERANCE * recentCount ? Verdict.CUT : Verdict.KEEP;
    }

    /** The limiter cut its rate to {@code newRate / oldRate} of what it was: the trial of that rate begins. */
    void cut(double ratio) {
        shareBefore = onTrial && trialAnswers > 0 ? (double) trialThrottled / trialAnswers : recentShare();
        onTrial = true;
        cutRatio = ratio;
        trialAnswers = 0;
        trialThrottled = 0;
    }

    /** Whether a cut is on trial: the rate is then held still, so the trial compares two rates. */
    boolean onTrial() {
        return onTrial;
    }

    /** The share of 429s taken to be the server's whatever the rate (0 until shedding was seen). */
    double tolerated() {
        return tolerated;
    }

    private Verdict judgeTrial(boolean throttled) {
        trialAnswers++;
        if (throttled) {
            trialThrottled++;
        }
        double share = (double) trialThrottled / trialAnswers;
        if (throttled && trialThrottled >= 2 && share > Math.min(2 * shareBefore, TOO_MANY)) {
            return Verdict.CUT;
        }
        if (trialAnswers < WINDOW) {
            return Verdict.KEEP;
        }
        onTrial = false;
        boolean fell = share <= shareBefore / 2;
        boolean moreGotThrough = 1 - share >= (1 - shareBefore) / Math.sqrt(cutRatio);
        if (fell || moreGotThrough) {
            return Verdict.KEEP;
        }
        tolerated = Math.max(share, shareBefore);
        return Verdict.UNDO;
    }

    private void remember(boolean throttled) {
        if (recentCount == WINDOW) {
            recentThrottled -= recent[recentNext] ? 1 : 0;
        } else {
            recentCount++;
        }
        recent[recentNext] = throttled;
        recentThrottled += throttled ? 1 : 0;
        recentNext = (recentNext + 1) % WINDOW;
    }

    private double recentShare() {
        return recentCount == 0 ? 0 : (double) recentThrottled / recentCount;
    }
}
