/**
 * Starting a sweep's workers and watching them until the sweep ends. {@link
 * org.cnnworkbench.app.launch.SweepLauncher} is what a way of starting workers implements (start, watch, resume,
 * cancel, finish); {@link org.cnnworkbench.app.launch.SweepMonitor} is the one loop that drives any launcher
 * (poll, stale-trial release, completion, Ctrl-C). {@code launch.local} (child processes) and
 * {@code launch.slurm} (job arrays) are the launchers; another (Kubernetes, a cloud batch service) is one new
 * sub-package. {@link org.cnnworkbench.app.launch.DatabaseWait} (with {@link
 * org.cnnworkbench.app.launch.WaitingSweepStore}) waits out a briefly unreachable database for the monitor, the
 * launchers and the workers' claim loop, with messages for the user; what counts as such a failure, and the bounded
 * retry itself, are the store's {@link org.cnnworkbench.engine.store.TransientFailures}, which the trials' own
 * writes use too. May use {@code home}, {@code text} (the live view) and {@code device}; never {@code cli}.
 */
package org.cnnworkbench.app.launch;
