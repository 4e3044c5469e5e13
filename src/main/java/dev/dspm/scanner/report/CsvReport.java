package dev.dspm.scanner.report;

import java.io.Writer;

/** {@code report.csv}: one row per finding under a header row, as {@link CsvRecords} writes them. */
final class CsvReport {

    static final String HEADER = "share_uid,asset_type,asset_name,owner_id,permission,permission_raw,max_permission,"
            + "max_permission_raw,asset_exists,policy_id,severity,title,recommended_scope,status,first_seen,first_seen_run,"
            + "last_seen,waiver,waiver_active,resolution,owner_email,owner_status,owner_delegated_to";

    private final CsvRecords csv;

    CsvReport(Writer out) {
        this.csv = new CsvRecords(out);
    }

    void header() {
        csv.header(HEADER);
    }

    void finding(ReportedFinding finding) {
        csv.text(finding.shareUid());
        csv.text(finding.assetType());
        csv.text(finding.assetName());
        csv.text(finding.ownerId());
        csv.text(finding.permission());
        csv.text(finding.permissionRaw());
        csv.text(finding.maxPermission());
        csv.text(finding.maxPermissionRaw());
        csv.plain(finding.assetExists() == null ? "" : finding.assetExists().toString());
        csv.text(finding.policyId());
        csv.plain(finding.severity().name());
        csv.text(finding.title());
        csv.text(finding.recommendedScope());
        csv.plain(finding.status().name());
        csv.time(finding.firstSeen());
        csv.plain(Long.toString(finding.firstSeenRun()));
        csv.time(finding.lastSeen());
        csv.text(finding.waiverKey());
        csv.plain(finding.waiverActive() == null ? "" : finding.waiverActive().toString());
        csv.text(finding.resolution());
        // the owner's columns come last: added after the others, so earlier columns keep their places
        csv.text(finding.ownerEmail());
        csv.text(finding.ownerStatus());
        csv.last(finding.ownerDelegatedTo());
    }
}
