-- The team's members as team.user.list listed them for a run (owner enrichment, with the optional user management
-- key): one row per member and run, so that a run is judged, re-judged and reported with the owners it saw.
-- status and role hold the parsed value (UNKNOWN for one this build does not know) beside the raw string.
CREATE TABLE run_owner (
    run_id          BIGINT NOT NULL,
    team_user_id    VARCHAR NOT NULL,
    email           VARCHAR,
    user_name       VARCHAR,
    status          VARCHAR(10) NOT NULL,
    status_raw      VARCHAR,
    role            VARCHAR(20) NOT NULL,
    role_raw        VARCHAR,
    delegated_to    VARCHAR,
    original_email  VARCHAR,
    PRIMARY KEY (run_id, team_user_id)
);

-- Whether a run enriched its owners, and how well: members listed against the API's total, and the shares whose
-- owner_id matched no member's team_user_id (the docs do not say the two are the same id), with a sample of those
-- owner ids. No row: the run held no user key, and its owners are unknown.
CREATE TABLE run_owners (
    run_id             BIGINT PRIMARY KEY,
    members            BIGINT NOT NULL,
    api_total          BIGINT NOT NULL,
    complete           BOOLEAN NOT NULL,
    unmatched_owners   BIGINT,
    unmatched_shares   BIGINT,
    unmatched_sample   VARCHAR(2000)
);

-- A policy that judges the share's owner (@requiresOwner): only a run that listed its owners completely resolves its
-- findings; any other carries them forward open.
ALTER TABLE run_policy ADD COLUMN requires_owner BOOLEAN DEFAULT FALSE NOT NULL;
