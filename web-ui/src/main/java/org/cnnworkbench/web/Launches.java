package org.cnnworkbench.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard may start and control, given to it by the process that serves it (the
 * {@code serve} command implements it on the CLI's own code): validating an experiment's YAML as
 * {@code check} does, launching it as a run or a sweep in the same processes the CLI starts, and the
 * sweep and trial controls of {@code pause}, {@code resume}, {@code extend} and {@code cancel}. The
 * read-only {@link WebSources} stay read-only; a dashboard without it launches nothing.
 *
 * <p>A refusal (no such sweep, a sweep that cannot be paused, ...) is a {@link Refused} with the HTTP
 * status and the message the user sees.
 */
public interface Launches {
    /** One mistake in the YAML: line and column from 1 (0 when it has no place in the text) and what is wrong. */
    record Problem(int line, int column, String message) {
    }

    /**
     * The validation of a YAML text.
     *
     * @param summary the model summary when valid ({@code check --json}'s document), else null
     */
    record Check(boolean valid, List<Problem> errors, Map<String, Object> summary) {
        public Check {
            errors = List.copyOf(errors);
        }

        /** {@code {"valid": ..., "errors": [{"line", "column", "message"}], "summary": ...}}. */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("valid", valid);
            m.put("errors", errors.stream().map(e -> {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("line", e.line());
                p.put("column", e.column());
                p.put("message", e.message());
                return p;
            }).toList());
            m.put("summary", summary);
            return m;
        }
    }

    /** A launch: the new run's or sweep's id, or null with the validation's errors. */
    record Launched(String id, Check check) {
    }

    /** A refusal: the HTTP status (400, 404, 409, 503) and the reason shown to the user. */
    final class Refused extends RuntimeException {
        private final int status;

        public Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /**
     * Validates {@code yaml} as {@code ./workbench check} does.
     *
     * @param file the experiment file the text was opened from (relative to the experiments folder), or null
     *             for pasted text; relative paths in it resolve against that file's folder
     */
    Check check(String yaml, String file);

    /** Validates {@code yaml} (a 400 with the errors when invalid) and starts it as {@code ./workbench run} does. */
    Launched launchRun(String yaml, String file);

    /** Validates {@code yaml} with its {@code sweep:} section and starts it as {@code ./workbench sweep} does. */
    Launched launchSweep(String yaml, String file);

    /** {@code ./workbench pause ID}. */
    Map<String, Object> pause(String sweepId);

    /** {@code ./workbench resume ID}: its workers start again in a process of their own. */
    Map<String, Object> resume(String sweepId);

    /** {@code ./workbench extend ID --trials N}. */
    Map<String, Object> extend(String sweepId, int trials);

    /** {@code ./workbench cancel ID} of a sweep or of one run or trial (stop). */
    Map<String, Object> cancel(String id);

    /** A running trial goes back to its sweep's queue (it stops at its next batch and resumes from its checkpoint). */
    Map<String, Object> requeue(String runId);

    /** The experiment files (paths relative to the experiments folder, '/'-separated). */
    List<String> experiments();

    /** The text of one of {@link #experiments()}; a {@link Refused} 404 for any other path. */
    String experiment(String path);

    /** Where sweeps run: {@code local} or {@code slurm}. */
    String launcher();
}
