-- A sweep may be paused (./workbench pause SWEEP_ID): no new claims, its running trials go back to the
-- queue at their next batch, its workers exit; ./workbench resume SWEEP_ID sets it running again.
ALTER TABLE sweep DROP CONSTRAINT ck_sweep_state;
ALTER TABLE sweep ADD CONSTRAINT ck_sweep_state CHECK (state IN ('queued', 'running', 'paused', 'completed', 'failed', 'cancelled'));
