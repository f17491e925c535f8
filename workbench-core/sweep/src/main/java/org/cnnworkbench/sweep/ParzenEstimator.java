package org.cnnworkbench.sweep;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A kernel density over one group of parameters: one component per observed configuration plus a flat
 * prior component. Numbers get truncated normal kernels, categories a kernel that puts most of its
 * mass on the observed choice. Bandwidths: univariate, each kernel reaches its farther neighbour;
 * multivariate, Scott's rule n^(-1/(d+4)) times {@code bandwidth} times the range. Both clipped to [range / min(100, n + 1), range].
 */
final class ParzenEstimator {

    private final List<TpeDimension> dims;
    private final int components;
    private final double[] logWeight;
    private final double[] cumulativeWeight;
    private final double[][] mu;
    private final double[][] sigma;
    private final double[][] logNorm;
    private final double[][][] categoryLogP;
    private final double bandwidth;

    ParzenEstimator(List<TpeDimension> dims, List<double[]> points, double[] weights, double priorWeight, boolean multivariate,
                    double bandwidth) {
        this.bandwidth = bandwidth;
        this.dims = dims;
        int n = points.size();
        this.components = n + 1;
        double total = priorWeight;
        for (double w : weights) {
            total += w;
        }
        logWeight = new double[components];
        cumulativeWeight = new double[components];
        double running = 0;
        for (int i = 0; i < components; i++) {
            double w = (i < n ? weights[i] : priorWeight) / total;
            logWeight[i] = Math.log(w);
            running += w;
            cumulativeWeight[i] = running;
        }
        int d = dims.size();
        mu = new double[d][];
        sigma = new double[d][];
        logNorm = new double[d][];
        categoryLogP = new double[d][][];
        for (int j = 0; j < d; j++) {
            TpeDimension dim = dims.get(j);
            double[] column = new double[n];
            for (int i = 0; i < n; i++) {
                column[i] = points.get(i)[j];
            }
            if (dim.categorical) {
                categoryLogP[j] = categorical(column, dim.choices.size(), priorWeight);
            } else {
                numeric(j, dim, column, multivariate ? d : 0);
            }
        }
    }

    private double[][] categorical(double[] observed, int k, double priorWeight) {
        double[][] logP = new double[components][k];
        for (int i = 0; i < components; i++) {
            for (int c = 0; c < k; c++) {
                double p = i < observed.length
                        ? (priorWeight / k + (c == (int) observed[i] ? 1 : 0)) / (1 + priorWeight)
                        : 1.0 / k;
                logP[i][c] = Math.log(p);
            }
        }
        return logP;
    }

    /** Kernel centres and widths for a numeric dimension; {@code jointDims} > 0 selects the multivariate rule. */
    private void numeric(int j, TpeDimension dim, double[] observed, int jointDims) {
        int n = observed.length;
        double range = dim.high - dim.low;
        double[] m = Arrays.copyOf(observed, components);
        m[n] = 0.5 * (dim.low + dim.high);
        double[] s = new double[components];
        double minSigma = range / Math.min(100.0, n + 1.0);
        if (jointDims > 0) {
            double scott = bandwidth * Math.pow(Math.max(n, 1), -1.0 / (jointDims + 4)) * range;
            Arrays.fill(s, scott);
        } else {
            Integer[] order = new Integer[components];
            for (int i = 0; i < components; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(m[a], m[b]));
            // Each kernel reaches its farther neighbour; the outermost ones look inwards only, so that a
            // point near a bound does not get a wide kernel from the empty space up to the bound.
            for (int r = 0; r < components; r++) {
                double left = r == 0 ? Double.NaN : m[order[r]] - m[order[r - 1]];
                double right = r == components - 1 ? Double.NaN : m[order[r + 1]] - m[order[r]];
                s[order[r]] = Double.isNaN(left) ? right : Double.isNaN(right) ? left : Math.max(left, right);
            }
        }
        s[n] = range;
        double[] norm = new double[components];
        for (int i = 0; i < components; i++) {
            s[i] = Math.max(minSigma, Math.min(range, s[i]));
            norm[i] = Normal.logMass((dim.low - m[i]) / s[i], (dim.high - m[i]) / s[i]);
        }
        mu[j] = m;
        sigma[j] = s;
        logNorm[j] = norm;
    }

    /** A point drawn from the mixture, snapped to legal values. */
    double[] sample(SplittableRandom random) {
        double u = random.nextDouble();
        int c = 0;
        while (c < components - 1 && cumulativeWeight[c] <= u) {
            c++;
        }
        double[] x = new double[dims.size()];
        for (int j = 0; j < x.length; j++) {
            TpeDimension dim = dims.get(j);
            if (dim.categorical) {
                double v = random.nextDouble();
                double[] logP = categoryLogP[j][c];
                int k = 0;
                double acc = Math.exp(logP[0]);
                while (k < logP.length - 1 && acc <= v) {
                    k++;
                    acc += Math.exp(logP[k]);
                }
                x[j] = k;
            } else {
                x[j] = dim.snap(truncatedDraw(random, mu[j][c], sigma[j][c], dim.low, dim.high));
            }
        }
        return x;
    }

    private static double truncatedDraw(SplittableRandom random, double m, double s, double low, double high) {
        for (int attempt = 0; attempt < 64; attempt++) {
            double v = m + s * Normal.draw(random);
            if (v >= low && v <= high) {
                return v;
            }
        }
        return low + random.nextDouble() * (high - low);
    }

    /** The log density (log probability mass for ints) of the mixture at {@code x}. */
    double logPdf(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[components];
        for (int i = 0; i < components; i++) {
            double t = logWeight[i];
            for (int j = 0; j < x.length; j++) {
                TpeDimension dim = dims.get(j);
                if (dim.categorical) {
                    t += categoryLogP[j][i][(int) x[j]];
                } else if (dim.discrete()) {
                    double[] bin = dim.bin(x[j]);
                    t += Normal.logMass((bin[0] - mu[j][i]) / sigma[j][i], (bin[1] - mu[j][i]) / sigma[j][i]) - logNorm[j][i];
                } else {
                    double z = (x[j] - mu[j][i]) / sigma[j][i];
                    t += Normal.logPdf(z) - Math.log(sigma[j][i]) - logNorm[j][i];
                }
            }
            terms[i] = t;
            max = Math.max(max, t);
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return max + Math.log(sum);
    }
}
