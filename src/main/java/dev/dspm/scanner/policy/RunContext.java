package dev.dspm.scanner.policy;

import java.time.Duration;
import java.time.Instant;

/**
 * The run a share is judged in, as a fact beside the shares: {@code now} is when the snapshot was taken
 * (so a resumed run or a re-judged snapshot gives the same verdicts as on the night), and the settings of
 * {@code policies/settings.yaml}. Rules bind it once ({@code $context : RunContext()}) and call its methods.
 */
public record RunContext(long runId, Instant now, PolicySettings settings) {

    /** {@code now} minus the setting's number of days: {@code lastActiveAt < $context.daysAgo("stale-public-share-days")}. */
    public Instant daysAgo(String setting) {
        return now.minus(Duration.ofDays(settings.number(setting)));
    }

    /** Whether {@code text} contains one of the setting's words or phrases, as {@link Terms} match them. */
    public boolean matches(String setting, String text) {
        return settings.terms(setting).matches(text);
    }

    public long number(String setting) {
        return settings.number(setting);
    }

    public String text(String setting) {
        return settings.text(setting);
    }
}
