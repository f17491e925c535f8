-- CNN Workbench schema, version 11: the dashboard's text search (q=) without a scan of every run.

-- Every lower-cased suffix, cut to its first 32 characters, of the texts the search looks in: the
-- run's id, its experiment's name, its sweep's id, and its tags' keys and values. A text contains the
-- searched words exactly when one of its suffixes starts with them, so a search is a range scan of
-- the primary key (fragment LIKE 'words%'); words longer than 32 characters find the candidates by
-- their first 32 and are then checked against the texts. Rewritten with the run (start, sweep trial
-- inserted, tag, untag); removed with it.
CREATE TABLE run_search (
    fragment  VARCHAR(32) NOT NULL,
    trial_id  VARCHAR(32) NOT NULL,
    CONSTRAINT pk_run_search PRIMARY KEY (fragment, trial_id)
);
CREATE INDEX ix_run_search_trial ON run_search (trial_id);
ALTER TABLE run_search ADD CONSTRAINT fk_run_search_trial FOREIGN KEY (trial_id) REFERENCES trial (id) ON DELETE CASCADE;

-- The runs recorded before this version.
INSERT INTO run_search (fragment, trial_id)
SELECT DISTINCT LEFT(SUBSTRING(x.txt FROM r.X), 32), x.trial_id
FROM (SELECT t.id AS trial_id, LOWER(t.id) AS txt FROM trial t
      UNION SELECT t.id, LOWER(e.name) FROM trial t JOIN experiment e ON e.id = t.experiment_id
      UNION SELECT t.id, LOWER(t.sweep_id) FROM trial t WHERE t.sweep_id IS NOT NULL
      UNION SELECT t.id, LOWER(g.tag_key) FROM tag g JOIN trial t ON t.id = g.entity_id
      UNION SELECT t.id, LOWER(g.tag_value) FROM tag g JOIN trial t ON t.id = g.entity_id
            WHERE g.tag_value IS NOT NULL AND g.tag_value <> '') x
JOIN SYSTEM_RANGE(1, 4096) r ON r.X <= CHAR_LENGTH(x.txt);

-- The runs table's count without a filter (the runs not in the trash) reads this index, not every run's row.
CREATE INDEX ix_trial_trashed ON trial (trashed_at);
