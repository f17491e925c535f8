package org.cnnworkbench.app.launch;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.app.home.Workbench;

/**
 * The command that starts a worker JVM with this process's Java, JVM options and class path: the
 * local launcher runs it as a child process, the Slurm launcher writes it into the batch script
 * (so the distribution and the Java installation must sit at the same paths on the nodes).
 */
public final class WorkerLaunch {
    /** Environment variable with extra JVM options for worker processes, e.g. -Xmx2g. */
    static final String WORKER_JAVA_OPTS = "WORKBENCH_WORKER_JAVA_OPTS";

    /** System property the launcher script sets to its own path. */
    static final String LAUNCHER_PROPERTY = "workbench.launcher";

    /** The application's entry point (named, not referenced: the launchers sit below the command line). */
    public static final String MAIN_CLASS = "org.cnnworkbench.app.Main";

    /**
     * Set by the local launcher for its CPU workers: the cores of the whole launch (its workers' native threads
     * together). A trial that starts alone at the end of the sweep may train on them (issue 19, SweepWorker).
     */
    public static final String LAUNCH_CORES_ENV = "WORKBENCH_LAUNCH_CORES";

    private WorkerLaunch() {
    }

    /**
     * For batch scripts: the launcher script that started this process when there is one (it sets
     * {@value #LAUNCHER_PROPERTY}; the script exports {@code WORKBENCH_SKIP_BUILD=1} so that no node tries
     * to build); else the full Java command.
     */
    public static List<String> scriptCommand() {
        String launcher = System.getProperty(LAUNCHER_PROPERTY);
        if (launcher != null && java.nio.file.Files.isExecutable(Path.of(launcher))) {
            return List.of(Path.of(launcher).toAbsolutePath().toString());
        }
        return javaCommand();
    }

    /** {@code java [options] -cp ... org.cnnworkbench.app.Main}; the caller appends the worker's arguments. */
    public static List<String> javaCommand() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-agentlib") && !arg.startsWith("-javaagent") && !arg.startsWith("-Xrunjdwp")
                    && !arg.startsWith("-D" + Workbench.BUILTIN_PLUGINS_PROPERTY + "=")
                    && !arg.startsWith("-D" + LAUNCHER_PROPERTY + "=")) {
                command.add(arg);
            }
        }
        String extra = System.getenv(WORKER_JAVA_OPTS);
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.add("-D" + Workbench.BUILTIN_PLUGINS_PROPERTY + "=" + Workbench.builtInPluginDir().toAbsolutePath());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN_CLASS);
        return command;
    }
}
