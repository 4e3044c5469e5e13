-- PostgreSQL only (H2 writes into finding as it judges): a run's findings as its pages are judged, in the snapshot's
-- stored order, written by COPY with no key to keep in order; moved into finding at the evaluation's end in one
-- statement, in the key's order, joined with the previous run's findings to carry first seen forward. Written straight
-- into finding, each page looked up its earlier findings by uid (a million index probes a night at a million shares)
-- and each row went into finding's key at a random place (the key outgrew the server's buffers at ten million). Empty
-- between runs but for a run whose evaluation did not finish: its rows are where it resumes.
CREATE TABLE judged_finding (
    run_id             BIGINT NOT NULL,
    share_uid          VARCHAR NOT NULL,
    policy_id          VARCHAR(200) NOT NULL,
    status             VARCHAR(10) NOT NULL,
    severity           VARCHAR(10) NOT NULL,
    asset_type         VARCHAR(100),
    asset_name         VARCHAR,
    owner_id           VARCHAR,
    permission         VARCHAR(20),
    permission_raw     VARCHAR,
    max_permission     VARCHAR(20),
    max_permission_raw VARCHAR,
    asset_exists       BOOLEAN,
    waiver_key         VARCHAR(600),
    waiver_active      BOOLEAN
);
