package org.cnnworkbench.engine.store;

/**
 * Storage of sweeps, their trials and the workers that run them, shared by many processes through
 * one database: the workers' part ({@link SweepWorkers}), the orchestrator's
 * ({@link SweepOrchestration}) and the readers' ({@link SweepReads}) together, for callers that use
 * several. Cancelling and the heartbeats of runs outside sweeps are {@link RunControl}'s, which the
 * run store implements.
 */
public interface SweepStore extends SweepWorkers, SweepOrchestration, SweepReads {
}
