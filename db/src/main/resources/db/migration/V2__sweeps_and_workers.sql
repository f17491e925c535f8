-- CNN Workbench schema, version 2: what sweeps on worker processes need.

-- A trial of a sweep belongs to a sampled configuration (config_number, 0-based) and is one of
-- its seeded repeats (repeat_index). state_reason says why a trial ended as it did (the
-- pruner's reason, a cancel, a worker that died too often) or why it went back to the queue.
ALTER TABLE trial ADD COLUMN config_number INT;
ALTER TABLE trial ADD COLUMN repeat_index INT;
ALTER TABLE trial ADD COLUMN state_reason VARCHAR(2000);
ALTER TABLE trial ADD CONSTRAINT ck_trial_config CHECK ((sweep_id IS NULL) OR (config_number IS NOT NULL AND config_number >= 0
    AND repeat_index IS NOT NULL AND repeat_index >= 0));
ALTER TABLE trial ADD CONSTRAINT uq_trial_sweep_config UNIQUE (sweep_id, config_number, repeat_index);

-- Trials a worker holds, for re-queueing when that worker dies.
CREATE INDEX ix_trial_worker_state ON trial (worker_id, state);

-- Workers: which sweep they serve, where (host, pid, device, scheduler job), what they hold.
ALTER TABLE worker ADD COLUMN sweep_id VARCHAR(32);
ALTER TABLE worker ADD COLUMN state VARCHAR(16) DEFAULT 'running' NOT NULL;
ALTER TABLE worker ADD COLUMN trial_id VARCHAR(32);
ALTER TABLE worker ADD COLUMN job_id VARCHAR(64);
ALTER TABLE worker ADD COLUMN threads INT;
ALTER TABLE worker ADD COLUMN ended_at BIGINT;
ALTER TABLE worker ADD CONSTRAINT ck_worker_state CHECK (state IN ('running', 'exited', 'lost'));
ALTER TABLE worker ADD CONSTRAINT fk_worker_sweep FOREIGN KEY (sweep_id) REFERENCES sweep (id);
CREATE INDEX ix_worker_sweep ON worker (sweep_id, state);

-- Why a sweep ended or stopped (budget spent, cancelled, interrupted).
ALTER TABLE sweep ADD COLUMN state_reason VARCHAR(2000);

-- A trial's parameters keep the search space's order.
ALTER TABLE trial_param ADD COLUMN position INT DEFAULT 0 NOT NULL;
