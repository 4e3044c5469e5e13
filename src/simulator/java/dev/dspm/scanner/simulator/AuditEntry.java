package dev.dspm.scanner.simulator;

/** One row of the team asset audit log written by a successful update_scope; {@code note} may be null. */
public record AuditEntry(String shareUid, String permission, String note) {
}
