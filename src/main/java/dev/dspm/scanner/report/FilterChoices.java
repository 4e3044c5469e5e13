package dev.dspm.scanner.report;

import java.util.Map;

/**
 * What the findings table's filters offer: every value of each filtered column over the whole run, with how many of
 * the run's findings have it, read by grouped queries rather than from the rows the page holds (which are the worst
 * few thousand: a LOW finding or a policy found only beyond them is still offered). Each map is value to findings;
 * an owner is their email where the run matched them to a member, else their id, and null for a share without one,
 * as the table's Owner cell shows them; a finding whose owner matched no member has no owner status.
 */
record FilterChoices(Map<String, Long> severities, Map<String, Long> statuses, Map<String, Long> policies,
        Map<String, Long> types, Map<String, Long> owners, Map<String, Long> ownerStatuses) {

    static final FilterChoices NONE = new FilterChoices(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
}
