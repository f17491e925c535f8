package org.cnnworkbench.sweep;

import java.util.List;

/**
 * One parameter as the TPE models it: a categorical index, or a number in the estimator's space (the
 * logarithm for log ones; int ranges widened by half a step so that each value owns one bin).
 */
final class TpeDimension {

    final SearchSpace.Parameter parameter;
    final boolean categorical;
    final List<Object> choices;
    final double low;
    final double high;
    private final boolean log;
    private final Distribution.IntRange ints;

    TpeDimension(SearchSpace.Parameter parameter) {
        this.parameter = parameter;
        Distribution d = parameter.distribution();
        this.categorical = d instanceof Distribution.Choice || d instanceof Distribution.Fixed;
        this.choices = categorical ? d.probeValues() : List.of();
        this.ints = d instanceof Distribution.IntRange r ? r : null;
        if (d instanceof Distribution.Uniform u) {
            log = false;
            low = u.low();
            high = u.high();
        } else if (d instanceof Distribution.LogUniform u) {
            log = true;
            low = Math.log(u.low());
            high = Math.log(u.high());
        } else if (ints != null && ints.log()) {
            log = true;
            low = Math.log(ints.low() - 0.5);
            high = Math.log(ints.high() + 0.5);
        } else if (ints != null) {
            log = false;
            low = ints.low() - ints.step() / 2.0;
            high = ints.high() + ints.step() / 2.0;
        } else {
            log = false;
            low = 0;
            high = choices.size();
        }
    }

    boolean discrete() {
        return ints != null;
    }

    /** The internal coordinate of a value a trial used; NaN when it is not a value of this parameter. */
    double toInternal(Object value) {
        if (categorical) {
            for (int i = 0; i < choices.size(); i++) {
                if (Values.same(choices.get(i), value)) {
                    return i;
                }
            }
            return Double.NaN;
        }
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            return Double.NaN;
        }
        double v = n.doubleValue();
        if (log && v <= 0) {
            return Double.NaN;
        }
        return log ? Math.log(v) : v;
    }

    /** The nearest legal internal coordinate: a lattice value for ints, clamped for continuous ones. */
    double snap(double x) {
        if (categorical) {
            return x;
        }
        if (ints != null) {
            return toInternal(ints.snap(log ? Math.exp(x) : x));
        }
        return Math.max(low, Math.min(high, x));
    }

    /** The bin [from, to] of an int's snapped internal coordinate. */
    double[] bin(double x) {
        double v = log ? Math.exp(x) : x;
        long value = Math.round(v);
        if (log) {
            return new double[] {Math.log(value - 0.5), Math.log(value + 0.5)};
        }
        return new double[] {v - ints.step() / 2.0, v + ints.step() / 2.0};
    }

    /** The parameter value at an internal coordinate (after {@link #snap}). */
    Object toValue(double x) {
        if (categorical) {
            return choices.get((int) x);
        }
        if (ints != null) {
            return ints.snap(log ? Math.exp(x) : x);
        }
        Distribution d = parameter.distribution();
        double v = log ? Math.exp(x) : x;
        if (d instanceof Distribution.LogUniform u) {
            return Math.max(u.low(), Math.min(u.high(), v));
        }
        Distribution.Uniform u = (Distribution.Uniform) d;
        return Math.max(u.low(), Math.min(u.high(), v));
    }
}
