package dev.dspm.scanner.policy;

/** How bad a finding is, in the order a reviewer reads them. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL
}
