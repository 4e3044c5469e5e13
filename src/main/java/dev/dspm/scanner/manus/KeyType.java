package dev.dspm.scanner.manus;

/**
 * The three Manus key types this tool uses. The server records which type made every call, and
 * nothing in a response says which type a key is, so the client tracks it from where the key came from.
 */
public enum KeyType {
    /** Team Asset Audit: {@code team.asset.list} only. Least privilege for scanning. */
    AUDIT,
    /** Team Asset Management: {@code team.asset.update_scope} and {@code team.asset.list}. */
    MGMT,
    /** Team User Management: {@code team.user.list} only (owner enrichment); no asset endpoint. */
    USER_MGMT
}
