package org.cnnworkbench.engine.spec;

import java.util.List;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;

/**
 * The mistakes found in one experiment, as the message the CLI prints and, for an editor, each with
 * the line and column where it is ({@code 0, 0} when it came from a {@code --set} or has no place in
 * the text).
 */
public final class ExperimentProblems extends WorkbenchException {
    /** One mistake: where it starts in the text (line and column from 1) and what is wrong. */
    public record Problem(int line, int column, String message) {
    }

    private final List<Problem> problems;

    public ExperimentProblems(ErrorCode code, String message, List<Problem> problems) {
        super(code, message);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
