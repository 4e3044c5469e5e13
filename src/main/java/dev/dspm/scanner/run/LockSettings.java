package dev.dspm.scanner.run;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.dspm.scanner.config.ConfigurationException;

/**
 * {@code dspm.lock.*}.
 *
 * @param staleAfter a run's lock with no heartbeat for this long (the longer of the holder's and this run's
 *                   setting) belongs to a dead process and is taken over; the heartbeat beats four times in
 *                   this period
 */
@ConfigurationProperties("dspm.lock")
public record LockSettings(@DefaultValue("PT2M") Duration staleAfter) {

    public LockSettings {
        if (staleAfter.toMillis() < 4) {
            throw new ConfigurationException("dspm.lock.stale-after must be a positive duration such as PT2M");
        }
    }
}
