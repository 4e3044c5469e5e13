-- What each run sent of its OCSF events to the HTTP collector of dspm.export.http.url: the run's record, to push
-- exactly once per run (a run whose push is SENT or FAILED never pushes again), and one row per batch, to resume a
-- killed push where it stopped. A batch is written IN_FLIGHT (committed) before its request leaves, and SENT once the
-- collector accepted it (2xx): a resumed run sends only its IN_FLIGHT batch again (same events, same Idempotency-Key),
-- then the batches after it. FAILED: the collector refused it, or did not answer within the attempts; the push then
-- stopped, and the run's exit code did not change.
CREATE TABLE run_export (
    run_id      BIGINT PRIMARY KEY,
    target      VARCHAR(2000) NOT NULL,
    format      VARCHAR(20) NOT NULL,
    status      VARCHAR(10) NOT NULL,
    events      BIGINT,
    error       VARCHAR(2000),
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP WITH TIME ZONE
);

CREATE TABLE export_batch (
    run_id      BIGINT NOT NULL,
    batch_no    INT NOT NULL,
    first_event BIGINT NOT NULL,
    events      INT NOT NULL,
    bytes       BIGINT NOT NULL,
    status      VARCHAR(10) NOT NULL,
    attempts    INT NOT NULL,
    http_status INT,
    error       VARCHAR(2000),
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (run_id, batch_no)
);
