-- One run per tenant at a time: a CronJob can start twice. The holder refreshes heartbeat_at while it
-- runs; a lock whose heartbeat is older than dspm.lock.stale-after belongs to a dead process.
CREATE TABLE run_lock (
    tenant       VARCHAR(2000) PRIMARY KEY,
    holder       VARCHAR(200) NOT NULL,
    acquired_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL
);
