-- CNN Workbench schema, version 7: the owner of a run outside sweeps.

-- Who holds the lease of a running run outside sweeps: the process that started or resumed it
-- (e.g. 'run-4242@host'). Together with attempt (1 for the start, one more for each resume) it
-- fences the run's writes and heartbeats as worker_id and attempt fence a sweep's trial, so two
-- processes resuming the same run at the same moment cannot both train it. NULL for sweep trials
-- (worker_id names their holder) and for runs recorded before this version.
ALTER TABLE trial ADD COLUMN run_owner VARCHAR(128);
