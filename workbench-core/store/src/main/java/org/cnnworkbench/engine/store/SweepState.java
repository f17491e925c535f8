package org.cnnworkbench.engine.store;

import java.util.Locale;

/** The life cycle of a sweep: running until its budget is spent (completed), or cancelled or failed. */
public enum SweepState {
    QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED;

    public boolean isFinished() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SweepState fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
