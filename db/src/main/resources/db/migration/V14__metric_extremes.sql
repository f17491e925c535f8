-- Each run's highest and lowest finite value of each metric over its epochs, kept as epochs are recorded
-- (db.EpochRecorder), so that the query language's max.<key> and min.<key> read one row, or one index
-- range, instead of every epoch of every run. Filled here from the epochs recorded so far.
CREATE TABLE metric_extreme (
    trial_id      VARCHAR(32)      NOT NULL,
    metric_key    VARCHAR(128)     NOT NULL,
    max_value     DOUBLE PRECISION NOT NULL,
    min_value     DOUBLE PRECISION NOT NULL,
    CONSTRAINT pk_metric_extreme PRIMARY KEY (trial_id, metric_key),
    CONSTRAINT fk_metric_extreme_trial FOREIGN KEY (trial_id) REFERENCES trial (id) ON DELETE CASCADE
);

INSERT INTO metric_extreme (trial_id, metric_key, max_value, min_value)
SELECT trial_id, metric_key, MAX(metric_value), MIN(metric_value) FROM epoch_metric WHERE value_type = 0
GROUP BY trial_id, metric_key;

CREATE INDEX ix_metric_extreme_max ON metric_extreme (metric_key, max_value, trial_id);
CREATE INDEX ix_metric_extreme_min ON metric_extreme (metric_key, min_value, trial_id);
