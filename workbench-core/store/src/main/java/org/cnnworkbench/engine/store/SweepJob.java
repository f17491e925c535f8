package org.cnnworkbench.engine.store;

import java.util.Objects;

/**
 * A scheduler job that runs workers of a sweep: a Slurm job array of {@code tasks} workers.
 *
 * @param launcher the scheduler, {@code slurm}
 * @param jobId the scheduler's id of the job (array), e.g. {@code 4711}
 * @param submittedAt epoch milliseconds
 */
public record SweepJob(String launcher, String jobId, int tasks, long submittedAt) {
    public SweepJob {
        Objects.requireNonNull(launcher, "launcher");
        Objects.requireNonNull(jobId, "jobId");
        if (tasks < 1) {
            throw new IllegalArgumentException("a job runs at least one worker, found " + tasks);
        }
    }
}
