package org.cnnworkbench.plugins.augmentations;

import java.util.Random;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.api.PluginInputException;

/**
 * A factor drawn uniformly from {@code [min, max]} for each image (brightness, contrast, zoom).
 * Parameter ranges are validated one by one by the engine; that {@code min ≤ max} is checked here,
 * when the transform is created.
 */
record Uniform(double min, double max) {
    /** The parameter that gives the smallest factor, in the augmentations that take a range. */
    static final String MIN = "min";
    /** The parameter that gives the largest factor. */
    static final String MAX = "max";

    /**
     * The range between the values of the parameters {@link #MIN} and {@link #MAX}.
     *
     * @throws PluginInputException if {@code min > max}, naming both parameters
     */
    static Uniform between(Params params) {
        double min = params.getDouble(MIN);
        double max = params.getDouble(MAX);
        if (min > max) {
            throw new PluginInputException("'" + MIN + "' (" + min + ") is greater than '" + MAX + "' (" + max
                    + "); give " + MIN + " <= " + MAX + ", e.g. " + MIN + ": " + max + ", " + MAX + ": " + min);
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
