package dev.dspm.scanner.manus;

import java.util.List;

/**
 * One page of {@code team.asset.list}. {@code throttled} counts the 429 answers the client met
 * (and waited out) while fetching this page, so progress lines can show them per asset type.
 */
public record AssetPage(List<Asset> assets, long total, int limit, int offset, String requestId, int throttled) {
}
