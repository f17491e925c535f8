package org.cnnworkbench.app;

/** The exit codes scripts can rely on. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    static final int USAGE = 2;

    private ExitCodes() {
    }
}
