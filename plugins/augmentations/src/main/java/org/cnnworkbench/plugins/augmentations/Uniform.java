package org.cnnworkbench.plugins.augmentations;

import java.util.Random;
import org.cnnworkbench.api.PluginInputException;

/**
 * A factor drawn uniformly from {@code [min, max]} for each image (brightness, contrast, zoom).
 * Parameter ranges are validated one by one by the engine; that {@code min ≤ max} is checked here,
 * when the transform is created.
 */
record Uniform(double min, double max) {

    /**
     * The range between two parameters' values.
     *
     * @throws PluginInputException if {@code min > max}, naming both parameters
     */
    static Uniform between(String minName, double min, String maxName, double max) {
        if (min > max) {
            throw new PluginInputException("'" + minName + "' (" + min + ") is greater than '" + maxName + "' (" + max
                    + "); give " + minName + " <= " + maxName + ", e.g. " + minName + ": " + max + ", " + maxName + ": " + min);
        }
        return new Uniform(min, max);
    }

    /** A range of one value: every draw gives {@code value}. */
    static Uniform fixed(double value) {
        return new Uniform(value, value);
    }

    /** A value uniform in {@code [-bound, bound]}; takes exactly one number from {@code random}. */
    static double plusMinus(double bound, Random random) {
        return bound * (2 * random.nextDouble() - 1);
    }

    /** One factor; always takes exactly one number from {@code random}. */
    double draw(Random random) {
        return min + random.nextDouble() * (max - min);
    }
}
