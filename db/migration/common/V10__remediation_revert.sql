-- A run that took an earlier run's changes back (dspm.remediation.revert): which run it reverted.
ALTER TABLE run_remediation ADD COLUMN reverted_run BIGINT;
