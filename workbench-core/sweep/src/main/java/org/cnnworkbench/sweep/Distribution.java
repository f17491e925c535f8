package org.cnnworkbench.sweep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The values one sweep parameter may take. The records check their own invariants (a programming
 * mistake throws); user input is checked with messages by {@link SweepSpec#parse} before any record
 * is built. Values are Double for {@link Uniform} and {@link LogUniform}, Long for {@link IntRange},
 * and the YAML scalar for {@link Choice} and {@link Fixed}.
 */
public sealed interface Distribution
        permits Distribution.Choice, Distribution.Continuous, Distribution.IntRange, Distribution.Fixed {

    /** One value drawn uniformly (log-uniformly for log ones). */
    Object sample(SplittableRandom random);

    /**
     * Values for grid search. Continuous ones take {@code gridPoints} evenly spaced values, ends included
     * (log-spaced for log ones), and throw {@link IllegalStateException} when {@code gridPoints} is null;
     * an int range gives its whole lattice, or {@code gridPoints} spaced lattice values when that is fewer.
     */
    List<Object> gridValues(Integer gridPoints);

    /** Values to try in the experiment before anything runs: every choice, both ends of ranges, the fixed value. */
    List<Object> probeValues();

    /** As the user wrote it, e.g. {@code {"log_uniform":[1.0E-4,0.01]}}. */
    JsonNode toJson();

    /** A value as this distribution's draws hold it: Double for ranges of reals, Long for int ranges, else as given. */
    default Object normalize(Object value) {
        if (this instanceof Continuous && value instanceof Number n) {
            return n.doubleValue();
        }
        if (this instanceof IntRange && (value instanceof Integer || value instanceof Long)) {
            return ((Number) value).longValue();
        }
        return value;
    }

        /** True when only one value is possible. */
    default boolean isConstant() {
        return probeValues().size() == 1;
    }

    record Choice(List<Object> values) implements Distribution {
        public Choice {
            values = Collections.unmodifiableList(new ArrayList<>(values));
            if (values.isEmpty() || values.contains(null)) {
                throw new IllegalArgumentException("choice needs at least one non-null value, found " + values);
            }
        }

        @Override
        public Object sample(SplittableRandom random) {
            return values.get(random.nextInt(values.size()));
        }

        @Override
        public List<Object> gridValues(Integer gridPoints) {
            return values;
        }

        @Override
        public List<Object> probeValues() {
            return values;
        }

        @Override
        public JsonNode toJson() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            ArrayNode list = node.putArray("choice");
            values.forEach(v -> list.add(Values.toNode(v)));
            return node;
        }
    }

    /**
     * A range of real numbers from {@code low} to {@code high}, ends included: {@link Uniform} or
     * {@link LogUniform}. Both have the same grid (spaced, log-spaced for log ones), probes (both ends)
     * and JSON ({@code {"KEYWORD":[low,high]}}); they differ in how they draw.
     */
    sealed interface Continuous extends Distribution permits Uniform, LogUniform {
        double low();

        double high();

        /** The experiment file's name for it, e.g. {@code log_uniform}. */
        String keyword();

        /** Whether values are spread evenly on a log scale. */
        boolean log();

        @Override
        default List<Object> gridValues(Integer gridPoints) {
            return low() == high() ? List.of(low()) : spaced(low(), high(), requirePoints(gridPoints, keyword()), log());
        }

        @Override
        default List<Object> probeValues() {
            return low() == high() ? List.of(low()) : List.of(low(), high());
        }

        @Override
        default JsonNode toJson() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.putArray(keyword()).add(low()).add(high());
            return node;
        }
    }

    record Uniform(double low, double high) implements Continuous {
        public Uniform {
            if (!(Double.isFinite(low) && Double.isFinite(high) && low <= high)) {
                throw new IllegalArgumentException("uniform needs finite low <= high, found [" + low + ", " + high + "]");
            }
        }

        @Override
        public Object sample(SplittableRandom random) {
            return Math.min(high, low + random.nextDouble() * (high - low));
        }

        @Override
        public String keyword() {
            return "uniform";
        }

        @Override
        public boolean log() {
            return false;
        }
    }

    record LogUniform(double low, double high) implements Continuous {
        public LogUniform {
            if (!(Double.isFinite(low) && Double.isFinite(high) && 0 < low && low <= high)) {
                throw new IllegalArgumentException("log_uniform needs 0 < low <= high, found [" + low + ", " + high + "]");
            }
        }

        @Override
        public Object sample(SplittableRandom random) {
            double x = Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low)));
            return Math.max(low, Math.min(high, x));
        }

        @Override
        public String keyword() {
            return "log_uniform";
        }

        @Override
        public boolean log() {
            return true;
        }
    }

    /**
     * Whole numbers {@code low, low + step, ..., high}; {@code step} divides {@code high - low}. With
     * {@code log} (then step is 1 and low >= 1) draws are log-uniform over the range.
     */
    record IntRange(long low, long high, long step, boolean log) implements Distribution {
        public IntRange {
            if (low > high || step <= 0 || (high - low) % step != 0 || (log && (low < 1 || step != 1))) {
                throw new IllegalArgumentException("invalid int range [" + low + ", " + high + "] step " + step + " log " + log);
            }
        }

        /** How many values the range holds. */
        public long count() {
            return (high - low) / step + 1;
        }

        /** The lattice value nearest to {@code x}, within the range. */
        public long snap(double x) {
            double k = Math.rint((x - low) / step);
            k = Math.max(0, Math.min(count() - 1, k));
            return low + (long) k * step;
        }

        @Override
        public Object sample(SplittableRandom random) {
            if (!log) {
                return low + step * random.nextLong(count());
            }
            double a = Math.log(low - 0.5);
            double b = Math.log(high + 0.5);
            return snap(Math.exp(a + random.nextDouble() * (b - a)));
        }

        @Override
        public List<Object> gridValues(Integer gridPoints) {
            if (gridPoints == null || count() <= gridPoints) {
                List<Object> all = new ArrayList<>();
                for (long v = low; v <= high; v += step) {
                    all.add(v);
                }
                return all;
            }
            TreeSet<Long> picked = new TreeSet<>();
            for (Object x : spaced(low, high, gridPoints, log)) {
                picked.add(snap((Double) x));
            }
            return new ArrayList<>(picked);
        }

        @Override
        public List<Object> probeValues() {
            return low == high ? List.of(low) : List.of(low, high);
        }

        @Override
        public JsonNode toJson() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.putArray("int").add(low).add(high);
            if (step != 1) {
                node.put("step", step);
            }
            if (log) {
                node.put("log", true);
            }
            return node;
        }
    }

    record Fixed(Object value) implements Distribution {
        public Fixed {
            Objects.requireNonNull(value, "fixed value");
        }

        @Override
        public Object sample(SplittableRandom random) {
            return value;
        }

        @Override
        public List<Object> gridValues(Integer gridPoints) {
            return List.of(value);
        }

        @Override
        public List<Object> probeValues() {
            return List.of(value);
        }

        @Override
        public JsonNode toJson() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.set("fixed", Values.toNode(value));
            return node;
        }
    }

    private static int requirePoints(Integer gridPoints, String kind) {
        if (gridPoints == null) {
            throw new IllegalStateException("grid over " + kind + " needs grid_points");
        }
        if (gridPoints < 1) {
            throw new IllegalArgumentException("grid_points must be >= 1, found " + gridPoints);
        }
        return gridPoints;
    }

    /** Rounds away floating-point noise (1e-3 rather than 0.0010000000000000002): users see these values. */
    private static double tidy(double x) {
        return x == 0 ? 0 : new java.math.BigDecimal(x).round(new java.math.MathContext(12)).doubleValue();
    }

    /** {@code n} values from low to high, ends included (one value: the midpoint), geometric when {@code log}. */
    private static List<Object> spaced(double low, double high, int n, boolean log) {
        if (low == high) {
            return List.of(low);
        }
        double a = log ? Math.log(low) : low;
        double b = log ? Math.log(high) : high;
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double t = n == 1 ? 0.5 : (double) i / (n - 1);
            double x = a + t * (b - a);
            out.add(i == 0 && n > 1 ? low : i == n - 1 && n > 1 ? high : tidy(log ? Math.exp(x) : x));
        }
        return out;
    }
}
