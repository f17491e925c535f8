-- CNN Workbench schema, version 3: scheduler jobs that run a sweep's workers.

-- A sweep started with --launcher slurm submits its workers as a Slurm job array; every
-- submission (the first, and those of resume) is kept so that cancel can scancel them and
-- sweep-status can show them. job_id is the scheduler's id of the array (e.g. '4711').
CREATE TABLE sweep_job (
    sweep_id      VARCHAR(32)  NOT NULL,
    launcher      VARCHAR(16)  NOT NULL,
    job_id        VARCHAR(64)  NOT NULL,
    tasks         INT          NOT NULL,
    submitted_at  BIGINT       NOT NULL,
    CONSTRAINT pk_sweep_job PRIMARY KEY (sweep_id, launcher, job_id),
    CONSTRAINT fk_sweep_job_sweep FOREIGN KEY (sweep_id) REFERENCES sweep (id),
    CONSTRAINT ck_sweep_job_launcher CHECK (launcher IN ('slurm')),
    CONSTRAINT ck_sweep_job_tasks CHECK (tasks > 0)
);
