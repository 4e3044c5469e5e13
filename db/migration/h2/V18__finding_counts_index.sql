-- The columns the counts of a run's findings group by, in an index of their own, so that H2 counts from the index
-- alone. H2 stores a table's rows by an internal row id, in the order they were inserted, and the primary key is an
-- index beside them: every other column of a finding found by the key is one more read of a compressed page, in
-- share order, which is no order of the rows'. Each count of a run's findings (the report's overview and its owners,
-- the summary at the end of the run, the history of a run without a recorded count) read all of the run's rows that
-- way: 6-7 s apiece at a million shares (470,000 findings), five of them a night. From this index: 0.6-1.4 s.
-- PostgreSQL has no index here: it counts by a (parallel) scan of the rows in 0.1-0.3 s, and an index would only
-- make each night's writes of the findings slower.
CREATE INDEX finding_counts ON finding (run_id, policy_id, severity, status, asset_type, owner_id);
