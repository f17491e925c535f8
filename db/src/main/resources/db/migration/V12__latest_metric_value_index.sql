-- The query language's metrics.<key> comparisons read the runs whose latest value compares true through
-- this index (a range of one key's finite values) instead of one lookup per run.
CREATE INDEX ix_latest_metric_key_value ON latest_metric (metric_key, value_type, metric_value);
