package org.cnnworkbench.engine.predict;

import java.util.List;

/**
 * The classes a model gives one input, most probable first.
 *
 * @param source where the input came from (a file path)
 */
public record Prediction(String source, List<ClassProbability> top) {
    public Prediction {
        top = List.copyOf(top);
    }

    /** One class and its probability. */
    public record ClassProbability(String className, int index, double probability) {
    }
}
