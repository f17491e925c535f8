package org.cnnworkbench.plugins.datasets;

import java.util.List;

/**
 * Per-feature scaling of a CSV table, with statistics from the training rows only (so nothing of
 * the validation and test rows leaks into training), applied to every row: {@code standard} gives
 * the training rows mean 0 and standard deviation 1 per column (population deviation, as
 * scikit-learn's StandardScaler), {@code minmax} maps their range to [0, 1]; a constant column
 * becomes 0. {@code none} leaves the values as written.
 */
final class Normalization {
    static final String PARAM = "normalize";
    static final List<String> MODES = List.of("none", "standard", "minmax");

    private Normalization() {
    }

    /**
     * Scales {@code values} (rows × {@code features}, row by row) in place.
     *
     * @param training which rows the statistics come from
     */
    static void apply(String mode, float[] values, int features, boolean[] training) {
        if (mode.equals("none")) {
            return;
        }
        double[] shift = new double[features];
        double[] scale = new double[features];
        for (int f = 0; f < features; f++) {
            double[] stats = mode.equals("standard") ? meanAndDeviation(values, features, f, training)
                    : minAndRange(values, features, f, training);
            shift[f] = stats[0];
            scale[f] = stats[1] > 0 ? stats[1] : Double.POSITIVE_INFINITY;
        }
        for (int row = 0; row < training.length; row++) {
            for (int f = 0; f < features; f++) {
                int i = row * features + f;
                values[i] = (float) ((values[i] - shift[f]) / scale[f]);
            }
        }
    }

    private static double[] meanAndDeviation(float[] values, int features, int f, boolean[] training) {
        double sum = 0;
        long n = 0;
        for (int row = 0; row < training.length; row++) {
            if (training[row]) {
                sum += values[row * features + f];
                n++;
            }
        }
        double mean = sum / n;
        double squares = 0;
        for (int row = 0; row < training.length; row++) {
            if (training[row]) {
                double d = values[row * features + f] - mean;
                squares += d * d;
            }
        }
        return new double[] {mean, Math.sqrt(squares / n)};
    }

    private static double[] minAndRange(float[] values, int features, int f, boolean[] training) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int row = 0; row < training.length; row++) {
            if (training[row]) {
                min = Math.min(min, values[row * features + f]);
                max = Math.max(max, values[row * features + f]);
            }
        }
        return new double[] {min, max - min};
    }
}
