package org.cnnworkbench.engine.store;

import java.util.Locale;

/**
 * The life cycle of a run (a trial): queued → running → completed / pruned / failed / cancelled.
 * {@link #INTERRUPTED} is never stored: readers show a run outside sweeps as interrupted when its
 * row says running but its lease expired (its process died); it is resumable.
 */
public enum RunStatus {
    QUEUED, RUNNING, COMPLETED, PRUNED, FAILED, CANCELLED, INTERRUPTED;

    /** Whether the run has ended (no more epochs will be recorded). */
    public boolean isFinished() {
        return this != QUEUED && this != RUNNING && this != INTERRUPTED;
    }

    /** The lower-case name stored in the database and shown to users. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunStatus fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
