-- The policies a run was judged by: the pack's metadata as it was that night, for the report and for
-- telling a policy that was removed from the pack apart from a share that was fixed.
CREATE TABLE run_policy (
    run_id            BIGINT NOT NULL,
    policy_id         VARCHAR(200) NOT NULL,
    title             VARCHAR(2000) NOT NULL,
    severity          VARCHAR(10) NOT NULL,
    recommended_scope VARCHAR(20),
    auto_remediate    BOOLEAN NOT NULL,
    rationale         VARCHAR(4000) NOT NULL,
    policy_file       VARCHAR(2000) NOT NULL,
    in_pack           BOOLEAN NOT NULL,
    PRIMARY KEY (run_id, policy_id)
);

-- One row per (share, policy) a run reports: what its snapshot violated (seen), plus what the run before it
-- reported that this one no longer saw: RESOLVED, or still OPEN when this run's scan could not tell (its
-- partition incomplete or not scanned). A finding's identity across runs is (share_uid, policy_id); each
-- run's rows carry first_seen forward, so a run's findings are read from its own rows alone.
CREATE TABLE finding (
    run_id             BIGINT NOT NULL,
    share_uid          VARCHAR NOT NULL,
    policy_id          VARCHAR(200) NOT NULL,
    status             VARCHAR(10) NOT NULL,
    severity           VARCHAR(10) NOT NULL,
    seen               BOOLEAN NOT NULL,
    asset_type         VARCHAR(100),
    asset_name         VARCHAR,
    owner_id           VARCHAR,
    permission         VARCHAR(20),
    permission_raw     VARCHAR,
    max_permission     VARCHAR(20),
    max_permission_raw VARCHAR,
    asset_exists       BOOLEAN,
    first_seen_run     BIGINT NOT NULL,
    first_seen_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_run      BIGINT NOT NULL,
    last_seen_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    waiver_key         VARCHAR(600),
    waiver_active      BOOLEAN,
    resolution         VARCHAR(20),
    PRIMARY KEY (run_id, share_uid, policy_id)
);

-- The waivers of exceptions.yaml as a run applied them: who approved what until when, and whether it
-- matched any finding (an unused waiver is worth deleting).
CREATE TABLE run_waiver (
    run_id        BIGINT NOT NULL,
    waiver_key    VARCHAR(600) NOT NULL,
    match_kind    VARCHAR(20) NOT NULL,
    match_value   VARCHAR(2000) NOT NULL,
    policy_id     VARCHAR(200) NOT NULL,
    justification VARCHAR(2000) NOT NULL,
    approved_by   VARCHAR(2000) NOT NULL,
    expires       DATE NOT NULL,
    active        BOOLEAN NOT NULL,
    matched       BIGINT NOT NULL,
    PRIMARY KEY (run_id, waiver_key)
);

-- Every waiver a tenant's runs have loaded: a waiver already expired the first time it is seen is a typo
-- (exit 2), one that expired since is reported as expired.
CREATE TABLE known_waiver (
    tenant       VARCHAR(2000) NOT NULL,
    waiver_key   VARCHAR(600) NOT NULL,
    first_loaded TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant, waiver_key)
);

ALTER TABLE scan_run ADD COLUMN evaluated_at TIMESTAMP WITH TIME ZONE;
