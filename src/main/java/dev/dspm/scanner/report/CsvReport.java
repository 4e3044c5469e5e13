package dev.dspm.scanner.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;

/**
 * {@code report.csv}: one row per finding under a header row, RFC 4180 (fields quoted when they hold a comma,
 * a quote or a line break; CRLF between records), UTF-8 without a byte-order mark. A text cell that a
 * spreadsheet would read as a formula (starting with {@code = + - @}, tab or carriage return: OWASP's list)
 * is prefixed with {@code '} and quoted, so a share named {@code =HYPERLINK(...)} stays text.
 */
final class CsvReport {

    static final String HEADER = "share_uid,asset_type,asset_name,owner_id,permission,permission_raw,max_permission,"
            + "max_permission_raw,asset_exists,policy_id,severity,title,recommended_scope,status,first_seen,first_seen_run,"
            + "last_seen,waiver,waiver_active,resolution";

    private final Writer out;

    CsvReport(Writer out) {
        this.out = out;
    }

    void header() {
        write(HEADER);
        write("\r\n");
    }

    void finding(ReportedFinding finding) {
        text(finding.shareUid());
        text(finding.assetType());
        text(finding.assetName());
        text(finding.ownerId());
        text(finding.permission());
        text(finding.permissionRaw());
        text(finding.maxPermission());
        text(finding.maxPermissionRaw());
        plain(finding.assetExists() == null ? "" : finding.assetExists().toString());
        text(finding.policyId());
        plain(finding.severity().name());
        text(finding.title());
        text(finding.recommendedScope());
        plain(finding.status().name());
        plain(time(finding.firstSeen()));
        plain(Long.toString(finding.firstSeenRun()));
        plain(time(finding.lastSeen()));
        text(finding.waiverKey());
        plain(finding.waiverActive() == null ? "" : finding.waiverActive().toString());
        last(finding.resolution());
    }

    /** A cell of text that may have come from the tenant or the policy pack. */
    private void text(String value) {
        write(cell(value));
        write(",");
    }

    /** A cell of the job's own making (an enum, a number, a time): nothing to quote. */
    private void plain(String value) {
        write(value);
        write(",");
    }

    private void last(String value) {
        write(cell(value));
        write("\r\n");
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        boolean formula = formulaStart(value.charAt(0));
        boolean quote = formula || needsQuotes(value);
        if (!quote) {
            return value;
        }
        StringBuilder cell = new StringBuilder(value.length() + 8).append('"');
        if (formula) {
            cell.append('\'');
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                cell.append('"');
            }
            cell.append(c);
        }
        return cell.append('"').toString();
    }

    private static boolean formulaStart(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    private static boolean needsQuotes(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    private void write(String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String time(Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
