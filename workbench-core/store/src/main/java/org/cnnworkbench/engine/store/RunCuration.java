package org.cnnworkbench.engine.store;

import java.util.Collection;
import java.util.Map;

/**
 * What a user curates on recorded runs and sweeps, apart from training: free-text notes and the trash.
 * The only writing interface the dashboard is given (it cannot start, record, tag or cancel anything).
 * The trash keeps rows and files until {@code ./workbench gc}; lists hide it unless asked.
 */
public interface RunCuration {
    /** The longest note, in characters. */
    int MAX_NOTE = 10_000;

    /**
     * Sets the note of a run ({@code r12}) or a sweep ({@code s3}); a null or blank note clears it.
     *
     * @return false when there is no such run or sweep
     * @throws IllegalArgumentException when the note is longer than {@link #MAX_NOTE}
     */
    boolean setNote(String id, String note);

    /** The notes of those runs and sweeps that have one, by id. */
    Map<String, String> notes(Collection<String> ids);

    /**
     * Moves runs ({@code r12}) and sweeps ({@code s3}, with all their trials) to the trash, all or none.
     *
     * @return the run ids moved (a sweep's trials included)
     * @throws IllegalArgumentException naming an id that is no run or sweep
     * @throws IllegalStateException    naming a run or sweep that is queued or running (or a trial of one)
     */
    java.util.List<String> trash(Collection<String> ids);

    /**
     * Brings a run or a sweep (with its trials) back from the trash.
     *
     * @return the run ids restored (empty when it was not in the trash)
     * @throws IllegalArgumentException when there is no such run or sweep
     * @throws IllegalStateException    for a trial whose sweep is in the trash (restore the sweep)
     */
    java.util.List<String> restore(String id);
}
