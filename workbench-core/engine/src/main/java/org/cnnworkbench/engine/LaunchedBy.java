package org.cnnworkbench.engine;

/**
 * Who started a run or sweep, recorded in its provenance as {@code launched_by}: {@code dashboard}
 * when the dashboard's launch started the process (it sets {@value #VARIABLE}, which the sweep's
 * worker processes inherit), else {@code cli}.
 */
public final class LaunchedBy {
    /** The environment variable the dashboard sets on the processes it starts. */
    public static final String VARIABLE = "WORKBENCH_LAUNCHED_BY";

    private LaunchedBy() {
    }

    /** {@code dashboard} or {@code cli}. */
    public static String current() {
        return "dashboard".equals(System.getenv(VARIABLE)) ? "dashboard" : "cli";
    }
}
