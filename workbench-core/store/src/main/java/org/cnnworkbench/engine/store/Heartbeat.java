package org.cnnworkbench.engine.store;

/** What a heartbeat learns about the trial it keeps alive. */
public enum Heartbeat {
    /** Still this worker's, still running. */
    OK,
    /** Cancelled by a user (the trial, or its sweep). */
    CANCELLED,
    /** No longer this worker's: its heartbeat expired and the trial went back to the queue. */
    LOST
}
