/**
 * A sweep worker's side of a sweep: {@link org.cnnworkbench.engine.sweep.SweepWorker} claims trials
 * through the store's worker interface until the sweep has none left, runs each with a
 * {@link org.cnnworkbench.engine.sweep.TrialExecutor} (real training, or the documented simulation of
 * {@code --simulate-epochs}) and keeps it alive with {@link org.cnnworkbench.engine.sweep.HeartbeatHooks}.
 * {@link org.cnnworkbench.engine.sweep.SweepDefinition} is a sweep file as stored with the sweep. May use
 * {@code engine.run}, the store interfaces and the {@code workbench-sweep} strategies; the process that
 * owns the worker (the {@code worker} command) decides what happens when the database is lost.
 */
package org.cnnworkbench.engine.sweep;
