-- CNN Workbench schema, version 4: overfitting analytics as data.

-- One row per run that has epochs, rewritten in the transaction that records each epoch (so it is
-- never behind the curves): the best epoch (lowest val_loss, else lowest loss), the generalisation
-- gap (val_loss - loss and accuracy - val_accuracy) at the best and at the last epoch, the onset of
-- overfitting (the first epoch after which val_loss rose `patience` epochs in a row while loss
-- fell) and where early stopping on val_loss with that patience would have stopped. NULL where the
-- epochs do not define a value. Runs recorded before this version are filled in by V5.
CREATE TABLE run_summary (
    trial_id           VARCHAR(32)      NOT NULL,
    patience           INT              NOT NULL,
    last_epoch         INT              NOT NULL,
    best_epoch         INT,
    best_val_loss      DOUBLE PRECISION,
    best_val_accuracy  DOUBLE PRECISION,
    gap_loss_best      DOUBLE PRECISION,
    gap_loss_last      DOUBLE PRECISION,
    gap_accuracy_best  DOUBLE PRECISION,
    gap_accuracy_last  DOUBLE PRECISION,
    onset_epoch        INT,
    early_stop_epoch   INT,
    updated_at         BIGINT           NOT NULL,
    CONSTRAINT pk_run_summary PRIMARY KEY (trial_id),
    CONSTRAINT fk_run_summary_trial FOREIGN KEY (trial_id) REFERENCES trial (id) ON DELETE CASCADE,
    CONSTRAINT ck_run_summary_patience CHECK (patience >= 1)
);
