package dev.dspm.scanner.snapshot;

/**
 * One asset type of a run, summed over its partitions (one per owner in an owner-scoped run): the shares stored, the
 * API's total ({@code null} while a partition's listing never answered), and whether the type was listed whole
 * ({@code null} while a partition is unjudged).
 */
public record TypeTotal(String assetType, long stored, Long apiTotal, Boolean complete) {
}
