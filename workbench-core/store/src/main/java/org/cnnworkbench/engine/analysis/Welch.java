package org.cnnworkbench.engine.analysis;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Is the difference between two configurations larger than the seed noise? Welch's unequal-variance
 * t-test on their repeats (the metric of each seed), with a percentile bootstrap interval of the
 * difference of means, and a verdict in plain words.
 *
 * @param meanA      mean of the first sample
 * @param meanB      mean of the second
 * @param difference meanA − meanB
 * @param t          Welch's t statistic (NaN without enough repeats)
 * @param df         Welch–Satterthwaite degrees of freedom
 * @param p          two-sided p-value
 * @param low        lower end of the 95 % bootstrap interval of the difference
 * @param high       upper end
 * @param verdict    what it means, in a sentence
 */
public record Welch(double meanA, double meanB, double difference, double t, double df, double p, double low, double high,
                    String verdict) {

    /** Resamples of the bootstrap interval. */
    public static final int BOOTSTRAP = 2000;

    /** The test of {@code a} against {@code b} (each at least 2 finite values for a verdict), seeded bootstrap. */
    public static Welch test(double[] a, double[] b, long seed) {
        double[] x = Arrays.stream(a).filter(Double::isFinite).toArray();
        double[] y = Arrays.stream(b).filter(Double::isFinite).toArray();
        double ma = mean(x);
        double mb = mean(y);
        if (x.length < 2 || y.length < 2) {
            return new Welch(ma, mb, ma - mb, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    "not enough repeats to tell: each side needs at least 2 seeds (has " + x.length + " and " + y.length + ")");
        }
        double va = variance(x, ma) / x.length;
        double vb = variance(y, mb) / y.length;
        double se = Math.sqrt(va + vb);
        double t;
        double df;
        double p;
        if (se == 0) {
            t = ma == mb ? 0 : Math.copySign(Double.POSITIVE_INFINITY, ma - mb);
            df = x.length + y.length - 2;
            p = ma == mb ? 1 : 0;
        } else {
            t = (ma - mb) / se;
            df = (va + vb) * (va + vb) / (va * va / (x.length - 1) + vb * vb / (y.length - 1));
            p = twoSidedP(t, df);
        }
        double[] ci = bootstrap(x, y, seed);
        boolean excludesZero = ci[0] > 0 || ci[1] < 0;
        String verdict = String.format(java.util.Locale.ROOT,
                "difference %.4f, 95%% interval [%.4f, %.4f] (bootstrap over %d and %d seeds), Welch p = %.3g: %s",
                ma - mb, ci[0], ci[1], x.length, y.length, p,
                excludesZero && p < 0.05 ? "larger than the seed noise" : "within the seed noise");
        return new Welch(ma, mb, ma - mb, t, df, p, ci[0], ci[1], verdict);
    }

    /** Two-sided p-value of Student's t with {@code df} degrees of freedom: I_{df/(df+t²)}(df/2, 1/2). */
    public static double twoSidedP(double t, double df) {
        if (Double.isNaN(t) || Double.isNaN(df) || df <= 0) {
            return Double.NaN;
        }
        if (Double.isInfinite(t)) {
            return 0;
        }
        return regularizedBeta(df / (df + t * t), df / 2, 0.5);
    }

    private static double[] bootstrap(double[] x, double[] y, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] diffs = new double[BOOTSTRAP];
        for (int r = 0; r < BOOTSTRAP; r++) {
            double sx = 0;
            for (int i = 0; i < x.length; i++) {
                sx += x[random.nextInt(x.length)];
            }
            double sy = 0;
            for (int i = 0; i < y.length; i++) {
                sy += y[random.nextInt(y.length)];
            }
            diffs[r] = sx / x.length - sy / y.length;
        }
        Arrays.sort(diffs);
        return new double[] {diffs[(int) Math.floor(0.025 * (BOOTSTRAP - 1))], diffs[(int) Math.ceil(0.975 * (BOOTSTRAP - 1))]};
    }

    static double mean(double[] v) {
        return v.length == 0 ? Double.NaN : Arrays.stream(v).sum() / v.length;
    }

    static double variance(double[] v, double mean) {
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        return v.length < 2 ? 0 : s / (v.length - 1);
    }

    /** The regularized incomplete beta function I_x(a, b), by its continued fraction (Lentz's method). */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
        if (x < (a + 1) / (a + b + 2)) {
            return front * continuedFraction(x, a, b) / a;
        }
        return 1 - front * continuedFraction(1 - x, b, a) / b;
    }

    private static double continuedFraction(double x, double a, double b) {
        final double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = Math.abs(d) < tiny ? tiny : d;
        d = 1 / d;
        double f = d;
        for (int m = 1; m <= 300; m++) {
            int m2 = 2 * m;
            double num = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + num * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + num / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            f *= d * c;
            num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + num * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + num / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = d * c;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-14) {
                break;
            }
        }
        return f;
    }

    /** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms). */
    static double logGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double[] g = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
        double z = x - 1;
        double sum = g[0];
        for (int i = 1; i < 9; i++) {
            sum += g[i] / (z + i);
        }
        double t = z + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
