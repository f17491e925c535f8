-- CNN Workbench schema, version 8: what the runs query language, notes, the trash and per-batch
-- curves need.

-- Every run's resolved configuration flattened to dotted paths (training.optimizer,
-- architecture.params.dropout, layers[0].units), written with config_json, so `params.<path>` filters and
-- sorts are index lookups. value_text is the value as text (JSON strings unquoted, null as NULL);
-- value_num is set when the value is a number or a string written as a finite number, so a parameter
-- recorded as 0.01 or "0.01" compares equal to 0.01. Runs recorded before this version are filled in by V9.
CREATE TABLE run_param (
    trial_id    VARCHAR(32)   NOT NULL,
    path        VARCHAR(512)  NOT NULL,
    value_text  VARCHAR(4096),
    value_num   DOUBLE PRECISION,
    CONSTRAINT pk_run_param PRIMARY KEY (trial_id, path),
    CONSTRAINT fk_run_param_trial FOREIGN KEY (trial_id) REFERENCES trial (id) ON DELETE CASCADE
);
CREATE INDEX ix_run_param_num ON run_param (path, value_num);
CREATE INDEX ix_run_param_text ON run_param (path, value_text);

-- A free-text note per run and per sweep (./workbench note ID "text").
ALTER TABLE trial ADD COLUMN note VARCHAR(10000);
ALTER TABLE sweep ADD COLUMN note VARCHAR(10000);

-- The trash: a run or sweep moved there keeps its rows and files until `gc` removes them; NULL when
-- not in the trash.
ALTER TABLE trial ADD COLUMN trashed_at BIGINT;
ALTER TABLE sweep ADD COLUMN trashed_at BIGINT;

-- Per-batch curves: batch_loss and batch_accuracy every training.log_every_n_batches batches, at a
-- fractional epoch (epoch - 1 + batch / batches of the epoch), written a block of points at a time.
-- value_type as in epoch_metric.
CREATE TABLE batch_metric (
    trial_id      VARCHAR(32)      NOT NULL,
    metric_key    VARCHAR(128)     NOT NULL,
    step          BIGINT           NOT NULL,
    epoch_x       DOUBLE PRECISION NOT NULL,
    metric_value  DOUBLE PRECISION NOT NULL,
    value_type    SMALLINT         NOT NULL,
    CONSTRAINT pk_batch_metric PRIMARY KEY (trial_id, metric_key, step),
    CONSTRAINT fk_batch_metric_trial FOREIGN KEY (trial_id) REFERENCES trial (id) ON DELETE CASCADE,
    CONSTRAINT ck_batch_metric_value_type CHECK (value_type IN (0, 1, 2, 3)),
    CONSTRAINT ck_batch_metric_non_finite CHECK (value_type = 0 OR metric_value = 0.0)
);
