package dev.dspm.scanner.report;

import java.io.Writer;

/** {@code remediation.csv}: one row per remediation action of the run under a header row, as {@link CsvRecords} writes them. */
final class RemediationCsv {

    static final String HEADER = "share_uid,asset_type,asset_name,owner_id,policy_id,from_scope,to_scope,status,reason,"
            + "request_id,updated_at,note,error";

    private final CsvRecords csv;

    RemediationCsv(Writer out) {
        this.csv = new CsvRecords(out);
    }

    void header() {
        csv.header(HEADER);
    }

    void action(ReportedAction action) {
        csv.text(action.shareUid());
        csv.text(action.assetType());
        csv.text(action.assetName());
        csv.text(action.ownerId());
        csv.text(action.policyId());
        csv.text(action.fromScope());
        csv.text(action.toScope());
        csv.plain(action.status().name());
        csv.plain(action.reason() == null ? "" : action.reason().name());
        csv.text(action.requestId());
        csv.time(action.updatedAt());
        csv.text(action.note());
        csv.last(action.error());
    }
}
