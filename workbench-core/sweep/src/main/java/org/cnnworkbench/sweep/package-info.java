/**
 * Sweeps as data and decisions: the parsed {@code sweep:} section ({@link org.cnnworkbench.sweep.SweepSpec}),
 * the strategies that propose each trial's parameters ({@link org.cnnworkbench.sweep.Sampler}) and the
 * pruners that stop unpromising trials ({@link org.cnnworkbench.sweep.Pruner}). Both see immutable
 * snapshots of the sweep's trials, never the store. Everything is pure Java and deterministic for a given
 * seed: no database, no clock, no DL4J.
 */
package org.cnnworkbench.sweep;
