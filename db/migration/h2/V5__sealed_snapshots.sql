-- A run's shares are appended to a table of its own (share_snapshot_<run_id>) with no unique index while
-- the scan runs, then the run is sealed once: repeated uids removed (the later copy wins) and the primary
-- key built in one pass. Readers see sealed runs only, and retention drops a run's table instead of
-- deleting its rows one by one. share_snapshot becomes a view over the sealed runs' tables, rebuilt at
-- each seal and retention, so the same query works here as on PostgreSQL.
ALTER TABLE scan_run ADD COLUMN end_time TIMESTAMP WITH TIME ZONE;
ALTER TABLE scan_run ADD COLUMN sealed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE scan_partition ADD COLUMN pass INTEGER NOT NULL DEFAULT 1;

-- V6 moves the rows of earlier runs into tables of their own, then drops this one.
ALTER TABLE share_snapshot RENAME TO share_snapshot_v2;

CREATE VIEW share_snapshot AS
SELECT run_id, uid, asset_type, asset_name, asset_id, shared_at, last_operated_at, owner_id, session_id, asset_exists,
       permission, permission_raw, max_permission, max_permission_raw, raw_json, CAST(0 AS BIGINT) AS read_seq
FROM share_snapshot_v2 WHERE FALSE;
