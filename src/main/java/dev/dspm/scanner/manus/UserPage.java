package dev.dspm.scanner.manus;

import java.util.List;

/**
 * One page of {@code team.user.list}. {@code limit} and {@code offset} are the server's echoes (the request's
 * values when it left them out); {@code throttled} counts the 429 answers waited out while fetching this page.
 */
public record UserPage(List<TeamUser> users, long total, int limit, int offset, String requestId, int throttled) {
}
