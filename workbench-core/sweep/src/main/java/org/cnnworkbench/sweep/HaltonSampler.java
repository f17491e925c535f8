package org.cnnworkbench.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * Quasi-random search ({@code strategy: halton}): configuration {@code n} is point {@code n + 1} of a
 * Halton sequence with one dimension per parameter (in file order, base = the j-th prime), its digits
 * scrambled by a random permutation per dimension and digit position drawn from the sweep's seed
 * (so different seeds give different, equally even point sets, and the correlation of plain Halton
 * between high bases is broken). Each coordinate u in [0, 1) maps to a value through
 * {@link #valueAt}: a uniform range linearly, a log-uniform one on the log scale, an int range and
 * a choice by equal bins. Conditional parameters keep their own dimension and are left out when
 * inactive. The history is not used.
 */
final class HaltonSampler implements Sampler {

    /** Digit positions scrambled; 2^53 configurations are far more than a sweep runs. */
    private static final int DIGITS = 40;

    private final SearchSpace space;
    private final List<SearchSpace.Parameter> dimensions;
    private final int[] bases;
    private final int[][][] permutations;

    HaltonSampler(SearchSpace space, long seed) {
        this.space = space;
        this.dimensions = new ArrayList<>(space.parameters().values());
        this.bases = primes(dimensions.size());
        this.permutations = new int[dimensions.size()][][];
        for (int j = 0; j < dimensions.size(); j++) {
            SplittableRandom random = Seeds.forConfiguration(seed, j, 2);
            permutations[j] = new int[DIGITS][];
            for (int k = 0; k < DIGITS; k++) {
                permutations[j][k] = permutation(bases[j], random);
            }
        }
    }

    @Override
    public Map<String, Object> sample(int number, List<FinishedTrial> history) {
        Map<String, Object> point = new LinkedHashMap<>();
        for (int j = 0; j < dimensions.size(); j++) {
            point.put(dimensions.get(j).path(), valueAt(dimensions.get(j).distribution(), coordinate(number + 1L, j)));
        }
        Map<String, Object> chosen = new LinkedHashMap<>();
        for (SearchSpace.Parameter p : space.samplingOrder()) {
            if (p.isActive(chosen)) {
                chosen.put(p.path(), point.get(p.path()));
            }
        }
        return space.inFileOrder(chosen);
    }

    /** The scrambled radical inverse of {@code index} in dimension {@code j}, in [0, 1). */
    double coordinate(long index, int j) {
        int base = bases[j];
        double scale = 1.0 / base;
        double u = 0;
        long rest = index;
        for (int k = 0; k < DIGITS && scale > 1e-17; k++) {
            int digit = (int) (rest % base);
            rest /= base;
            u += permutations[j][k][digit] * scale;
            scale /= base;
        }
        return Math.min(u, Math.nextDown(1.0));
    }

    /** The value of a distribution at quantile {@code u} in [0, 1). */
    static Object valueAt(Distribution d, double u) {
        if (d instanceof Distribution.Uniform r) {
            return Math.min(r.high(), r.low() + u * (r.high() - r.low()));
        }
        if (d instanceof Distribution.LogUniform r) {
            double x = Math.exp(Math.log(r.low()) + u * (Math.log(r.high()) - Math.log(r.low())));
            return Math.max(r.low(), Math.min(r.high(), x));
        }
        if (d instanceof Distribution.IntRange r) {
            if (r.log()) {
                double a = Math.log(r.low() - 0.5);
                double b = Math.log(r.high() + 0.5);
                return r.snap(Math.exp(a + u * (b - a)));
            }
            return r.low() + r.step() * Math.min(r.count() - 1, (long) Math.floor(u * r.count()));
        }
        if (d instanceof Distribution.Choice c) {
            return c.values().get(Math.min(c.values().size() - 1, (int) Math.floor(u * c.values().size())));
        }
        return ((Distribution.Fixed) d).value();
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int k = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[k];
            p[k] = t;
        }
        return p;
    }

    static int[] primes(int count) {
        int[] out = new int[count];
        int found = 0;
        for (int candidate = 2; found < count; candidate++) {
            boolean prime = true;
            for (int i = 0; i < found && out[i] * out[i] <= candidate; i++) {
                if (candidate % out[i] == 0) {
                    prime = false;
                    break;
                }
            }
            if (prime) {
                out[found++] = candidate;
            }
        }
        return out;
    }

    @Override
    public OptionalInt size() {
        return OptionalInt.empty();
    }
}
