-- CNN Workbench schema, version 6: a running trial's lease expiry.

-- When the lease of a running trial (or a run outside sweeps) runs out unless its holder sends
-- another heartbeat: each heartbeat sets it to its time plus a fixed number of the holder's
-- heartbeat intervals. Readers in other processes (stale-trial release, resume, run lists) judge a
-- holder dead from this column, so a long heartbeat interval never makes a live trial look dead.
-- NULL until the first heartbeat of a claim, and whenever the trial is not running.
ALTER TABLE trial ADD COLUMN lease_expires_at BIGINT;
