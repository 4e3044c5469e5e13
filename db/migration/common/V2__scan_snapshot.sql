-- One row per run of the job (run_id = the Spring Batch job instance, so a restart keeps its run).
CREATE TABLE scan_run (
    run_id        BIGINT PRIMARY KEY,
    tenant        VARCHAR(2000) NOT NULL,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP WITH TIME ZONE,
    status        VARCHAR(20) NOT NULL,
    complete      BOOLEAN,
    read_key_type VARCHAR(20) NOT NULL,
    asset_types   VARCHAR(500) NOT NULL,
    owner_ids     VARCHAR,
    keyword       VARCHAR,
    shared_after  TIMESTAMP WITH TIME ZONE,
    shared_before TIMESTAMP WITH TIME ZONE,
    page_size     INTEGER NOT NULL,
    shares        BIGINT
);

-- One row per scan partition: what the API said (total) against what was stored.
CREATE TABLE scan_partition (
    run_id        BIGINT NOT NULL REFERENCES scan_run (run_id),
    partition_key VARCHAR(1000) NOT NULL,
    asset_type    VARCHAR(100) NOT NULL,
    owner_id      VARCHAR,
    pages         INTEGER NOT NULL DEFAULT 0,
    shares_read   BIGINT NOT NULL DEFAULT 0,
    throttled     INTEGER NOT NULL DEFAULT 0,
    first_total   BIGINT,
    last_total    BIGINT,
    total_changed BOOLEAN NOT NULL DEFAULT FALSE,
    finished      BOOLEAN NOT NULL DEFAULT FALSE,
    stored        BIGINT,
    complete      BOOLEAN,
    PRIMARY KEY (run_id, partition_key)
);

-- The snapshot: one row per share per run, every API field parsed plus the object as received.
-- Keyed by uid so a repeated page (offset drift, restart) overwrites instead of duplicating.
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
    PRIMARY KEY (run_id, uid)
);
-- No secondary index: every reader of the snapshot (completeness counts, the evaluate step) reads one
-- run through the primary key's run_id prefix, and each extra index costs the bulk write a B-tree.
