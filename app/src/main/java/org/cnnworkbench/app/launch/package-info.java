/**
 * Starting a sweep's workers and watching them until the sweep ends. {@link
 * org.cnnworkbench.app.launch.SweepLauncher} is what a way of starting workers implements (start, watch, resume,
 * cancel, finish); {@link org.cnnworkbench.app.launch.SweepMonitor} is the one loop that drives any launcher
 * (poll, stale-trial release, completion, Ctrl-C). {@code launch.local} (child processes) and
 * {@code launch.slurm} (job arrays) are the launchers; another (Kubernetes, a cloud batch service) is one new
 * sub-package. {@link org.cnnworkbench.app.launch.DatabaseWait} (with {@link
 * org.cnnworkbench.app.launch.WaitingSweepStore}) is the one place that tells a briefly unreachable database from a
 * real error and waits it out, for the monitor, the launchers and the workers' claim loop. May use {@code home}, {@code text} (the live view) and {@code device}; never {@code cli}.
 */
package org.cnnworkbench.app.launch;
