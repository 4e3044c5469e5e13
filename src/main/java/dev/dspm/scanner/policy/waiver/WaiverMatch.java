package dev.dspm.scanner.policy.waiver;

/**
 * The waiver that applies to one finding: an {@code active} one makes it EXCEPTED; an expired one no longer
 * applies, and the finding says which waiver expired.
 */
public record WaiverMatch(Waiver waiver, boolean active) {
}
