package org.cnnworkbench.engine.store;

/**
 * A worker process.
 *
 * @param id      unique id, e.g. {@code w-host-1234-1}
 * @param sweepId the sweep it serves
 * @param host    host name
 * @param pid     process id
 * @param device  {@code cpu} or a GPU index
 * @param threads native threads it trains with
 * @param jobId   the scheduler's job id (Slurm {@code 123_4}), or {@code null}
 */
public record WorkerInfo(String id, String sweepId, String host, long pid, String device, int threads, String jobId) {
}
