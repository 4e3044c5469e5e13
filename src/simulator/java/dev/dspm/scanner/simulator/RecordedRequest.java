package dev.dspm.scanner.simulator;

import java.util.Map;

/**
 * One request the simulator received, recorded without the key itself: {@code keyType} is "AUDIT",
 * "MGMT", "USER", "WRONG" or "MISSING". {@code status} is 0 for a dropped request (no response was sent);
 * {@code body} is empty when there was none; {@code receivedAtNanos} is System.nanoTime() at arrival.
 */
public record RecordedRequest(String method, String path, Map<String, String> query, String body, String keyType,
                              int status, long receivedAtNanos) {
}
