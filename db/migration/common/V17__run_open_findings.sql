-- Each judged run's open (NEW and OPEN) findings as its report counted them, for the next reports' history chart.
-- Counted again from finding every night, the chart read every kept run's findings: at a million shares and 14 runs
-- kept (dspm.retention.keep-runs' default), 6.6 million rows and 1.3 s of PostgreSQL's time in each report. A run
-- without a row (reported before this table, or its report failed) is still counted from its findings.
CREATE TABLE run_open_findings (
    run_id         BIGINT PRIMARY KEY,
    open_findings  BIGINT NOT NULL
);
