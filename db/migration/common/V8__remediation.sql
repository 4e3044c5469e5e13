-- What a run's remediation decided for each share with a finding a policy would tighten, and what became of it:
-- the job's own record of what it did to a tenant. One row per share and run. An action is written PLANNED before
-- any call, IN_FLIGHT just before its update_scope call (committed first: a process that dies during the call leaves
-- it IN_FLIGHT, and the next start settles it by reading the share again rather than sending it twice), then
-- APPLIED (with the server's request_id), FAILED (with the error) or SKIPPED (with the reason).
CREATE TABLE remediation_action (
    run_id      BIGINT NOT NULL,
    share_uid   VARCHAR NOT NULL,
    policy_id   VARCHAR(200) NOT NULL,
    asset_type  VARCHAR(100) NOT NULL,
    owner_id    VARCHAR,
    from_scope  VARCHAR(20),
    to_scope    VARCHAR(20) NOT NULL,
    note        VARCHAR(1000) NOT NULL,
    status      VARCHAR(10) NOT NULL,
    reason      VARCHAR(30),
    request_id  VARCHAR(200),
    error       VARCHAR(2000),
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (run_id, share_uid)
);

-- A run's remediation as a whole: the mode it ran in, the reviewed plan it applied (if any), and the guardrail that
-- held every action back (if any), with the sentence saying why and what setting to change.
CREATE TABLE run_remediation (
    run_id        BIGINT PRIMARY KEY,
    mode          VARCHAR(10) NOT NULL,
    approved_plan BIGINT,
    held_back     VARCHAR(30),
    detail        VARCHAR(2000)
);
