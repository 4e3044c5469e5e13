-- A run's shares are appended to a table of its own with no unique index while the scan runs, then the
-- run is sealed once: repeated uids removed (the later copy wins), the primary key built in one sorted
-- pass, and the table attached as a partition of share_snapshot. Readers see sealed runs only, and
-- retention drops a run's table instead of deleting its rows one by one.
ALTER TABLE scan_run ADD COLUMN end_time TIMESTAMP WITH TIME ZONE;
ALTER TABLE scan_run ADD COLUMN sealed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE scan_partition ADD COLUMN pass INTEGER NOT NULL DEFAULT 1;

-- V6 moves the rows of earlier runs into tables of their own, then drops this one.
ALTER TABLE share_snapshot RENAME TO share_snapshot_v2;
ALTER INDEX share_snapshot_pkey RENAME TO share_snapshot_v2_pkey;

CREATE TABLE share_snapshot (
    run_id             BIGINT NOT NULL,
    uid                VARCHAR NOT NULL,
    asset_type         VARCHAR(100) NOT NULL,
    asset_name         VARCHAR,
    asset_id           VARCHAR,
    shared_at          TIMESTAMP WITH TIME ZONE,
    last_operated_at   TIMESTAMP WITH TIME ZONE,
    owner_id           VARCHAR,
    session_id         VARCHAR,
    asset_exists       BOOLEAN,
    permission         VARCHAR(20),
    permission_raw     VARCHAR,
    max_permission     VARCHAR(20),
    max_permission_raw VARCHAR,
    raw_json           VARCHAR NOT NULL,
    -- the order the scan read the rows in, within their partition: the later copy of a repeated uid wins
    read_seq           BIGINT NOT NULL,
    PRIMARY KEY (run_id, uid)
) PARTITION BY LIST (run_id);
