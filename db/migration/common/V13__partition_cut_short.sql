-- Why a partition's paging stopped before its listing's end: it reached dspm.scan.max-shares-per-type (a listing
-- that never ends). NULL when it did not. Such a partition is never complete.
ALTER TABLE scan_partition ADD COLUMN cut_short VARCHAR(500);
