package dev.dspm.scanner.report;

/**
 * The OCSF event class findings.ocsf.jsonl is written in. Both are of the Findings category (2); the class uid is the
 * category's times 1,000 plus the class's own.
 */
public enum OcsfClass {

    /** Data Security Finding: the class OCSF made for DSPM, DLP and data classification. */
    DATA_SECURITY_FINDING(2006),
    /** Detection Finding: older and more widely read; it has a standard remediation field but no data_security. */
    DETECTION_FINDING(2004);

    private final int uid;

    OcsfClass(int uid) {
        this.uid = uid;
    }

    public int uid() {
        return uid;
    }
}
