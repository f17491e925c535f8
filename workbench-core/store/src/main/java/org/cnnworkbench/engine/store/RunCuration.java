package org.cnnworkbench.engine.store;

import java.util.Collection;
import java.util.Map;

/**
 * What a user curates on recorded runs and sweeps, apart from training: free-text notes. The only
 * writing interface the dashboard is given (it cannot start, record, tag or cancel anything).
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
}
