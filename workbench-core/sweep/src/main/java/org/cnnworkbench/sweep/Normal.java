package org.cnnworkbench.sweep;

import java.util.SplittableRandom;

/** The standard normal distribution as the TPE kernels need it: log densities, interval masses, draws. */
final class Normal {

    static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double SQRT_2 = Math.sqrt(2);

    private Normal() {
    }

    static double logPdf(double z) {
        return -0.5 * z * z - LOG_SQRT_2PI;
    }

    /**
     * The complementary error function by a Chebyshev fit of the exponentially scaled function (Press et
     * al., Numerical Recipes): relative error below 1.2e-7 everywhere, so tails stay accurate.
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
                + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
        double r = t * Math.exp(-z * z + poly);
        return x >= 0 ? r : 2.0 - r;
    }

    /** log(Φ(b) − Φ(a)) for a < b, taking differences in the tail where they are accurate. */
    static double logMass(double a, double b) {
        if (b - a < 1e-3) {
            return logPdf(0.5 * (a + b)) + Math.log(b - a);
        }
        double mass;
        if (a >= 0) {
            mass = 0.5 * (erfc(a / SQRT_2) - erfc(b / SQRT_2));
        } else if (b <= 0) {
            mass = 0.5 * (erfc(-b / SQRT_2) - erfc(-a / SQRT_2));
        } else {
            mass = 1.0 - 0.5 * erfc(-a / SQRT_2) - 0.5 * erfc(b / SQRT_2);
        }
        if (mass > 1e-300) {
            return Math.log(mass);
        }
        // Both ends far in one tail: the density at the nearer end times the width bounds it closely enough.
        double near = a >= 0 ? a : b;
        return logPdf(near) + Math.log(b - a);
    }

    /** A standard normal draw (Box-Muller), the same on every JDK. */
    static double draw(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
