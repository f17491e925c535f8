package org.cnnworkbench.engine.store;

import java.util.Locale;

/**
 * The life cycle of a sweep: running until its budget is spent (completed), or cancelled or failed.
 * A paused sweep hands out no trial until it is resumed; it is not finished.
 */
public enum SweepState {
    QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED, PAUSED;

    /** True when workers must not take trials of the sweep: it is finished or paused. */
    public boolean closedToClaims() {
        return isFinished() || this == PAUSED;
    }

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
