package org.cnnworkbench.sweep;

/**
 * Receives the mistakes found in a {@code sweep:} section. {@link SweepSpec#parse} calls {@link #add}
 * once per problem, on the caller's thread, and goes on checking: a user sees every problem of a file
 * at once. The pointer is a JSON pointer into the experiment file, e.g.
 * {@code /sweep/parameters/training.learning_rate}; keys are escaped as RFC 6901 says ({@code ~} as
 * {@code ~0}, {@code /} as {@code ~1}); dots need no escaping.
 */
public interface ProblemSink {

    void add(String jsonPointer, String message);

    /** The pointer to {@code key} inside the value at {@code parent}. */
    static String child(String parent, String key) {
        return parent + "/" + key.replace("~", "~0").replace("/", "~1");
    }
}
