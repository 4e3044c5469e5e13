-- The holder's own dspm.lock.stale-after: a newcomer started with a shorter one must not judge a live
-- run's heartbeat stale by its own measure. NULL for a lock taken by a version that did not record it.
ALTER TABLE run_lock ADD COLUMN stale_after_ms BIGINT;
