package org.cnnworkbench.engine.spec;

import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;

/**
 * Collects every mistake found while validating one experiment, so that a user sees them all at
 * once, each with the place to fix (file and line, or the {@code --set} that caused it).
 */
final class Problems {
    private final ExperimentDocument document;
    private final List<String> messages = new ArrayList<>();
    private final List<ExperimentProblems.Problem> located = new ArrayList<>();
    private ErrorCode firstCode;

    Problems(ExperimentDocument document) {
        this.document = document;
    }

    void add(ErrorCode code, String pointer, String message) {
        if (firstCode == null) {
            firstCode = code;
        }
        String where = document.where(pointer);
        messages.add(where + ": " + message);
        int[] at = document.position(pointer);
        located.add(new ExperimentProblems.Problem(at[0], at[1], at[0] > 0 ? message : where + ": " + message));
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    /** Throws one exception listing every problem, if there is any. */
    void throwIfAny() {
        if (messages.isEmpty()) {
            return;
        }
        if (messages.size() == 1) {
            throw new ExperimentProblems(firstCode, messages.get(0), located);
        }
        StringBuilder text = new StringBuilder(messages.size() + " problems in " + document.file() + ":");
        for (String message : messages) {
            text.append("\n  - ").append(message);
        }
        throw new ExperimentProblems(firstCode, text.toString(), located);
    }
}
