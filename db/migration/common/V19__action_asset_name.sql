-- Each action carries the share's name as its run's finding of that share and policy has it, written with the plan.
-- The report looked the name up in finding for each action: at a million shares, 257,000 lookups by the key, and the
-- report's query of the actions took 8.1 s on H2 against 1.2 s without the names (PostgreSQL: a subquery per row).
-- Actions written before this migration get the name the report would have looked up, so their reports read the same.
ALTER TABLE remediation_action ADD COLUMN asset_name VARCHAR;
UPDATE remediation_action a SET asset_name = (SELECT f.asset_name FROM finding f
    WHERE f.run_id = a.run_id AND f.share_uid = a.share_uid AND f.policy_id = a.policy_id);
