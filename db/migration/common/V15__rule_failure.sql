-- The shares a rule failed on while a run judged them (issue 26): the night goes on, its report names the rule, and
-- the share's earlier findings stay OPEN rather than RESOLVED, because nothing vouched that it was fixed. One row per
-- share (Drools gives no finding of a failed execution, so the first failing rule is what is known); message is the
-- root cause's, cut to its column, and may quote the share's data.
CREATE TABLE rule_failure (
    run_id      BIGINT NOT NULL,
    share_uid   VARCHAR NOT NULL,
    rule_name   VARCHAR(2000),
    policy_id   VARCHAR(200),
    policy_file VARCHAR(2000),
    policy_line INT,
    message     VARCHAR(2000) NOT NULL,
    PRIMARY KEY (run_id, share_uid)
);
