package org.cnnworkbench.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Pareto dominance over several objectives. Points are loss vectors (smaller is better in every
 * coordinate; {@link #losses} turns a trial's objective values into one); +infinity stands for a
 * missing value and is worse than any number.
 */
public final class Pareto {

    private Pareto() {
    }

    /** The loss vector of one trial's values, in the order of {@code objectives}; a NaN or missing value becomes +infinity. */
    public static double[] losses(List<Objective> objectives, List<Double> values) {
        double[] out = new double[objectives.size()];
        for (int i = 0; i < out.length; i++) {
            Double v = i < values.size() ? values.get(i) : null;
            out[i] = objectives.get(i).asLoss(v == null ? Double.NaN : v);
        }
        return out;
    }

    /** True if {@code a} is at least as good as {@code b} everywhere and strictly better somewhere. */
    public static boolean dominates(double[] a, double[] b) {
        boolean strictly = false;
        for (int i = 0; i < a.length; i++) {
            if (a[i] > b[i]) {
                return false;
            }
            strictly |= a[i] < b[i];
        }
        return strictly;
    }

    /**
     * The indices of the points no other point dominates, ascending; points with a missing value are left out
     * (but still count as dominating others where they do).
     *
     * <p>Sort-based, O(n log n + n·f) for a front of f points rather than O(n²): among the finite points, one
     * that dominates another comes first in lexicographic order, and dominance is transitive, so a point is
     * on the front when no point already on the front (of those before it) dominates it. With one objective
     * the front is the best value's ties. The few points with a non-finite coordinate are compared with
     * every candidate directly.
     */
    public static List<Integer> front(List<double[]> points) {
        int n = points.size();
        List<Integer> finite = new ArrayList<>(n);
        List<Integer> other = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            (finite(points.get(i)) ? finite : other).add(i);
        }
        List<Integer> out = new ArrayList<>();
        if (!finite.isEmpty() && points.get(finite.get(0)).length == 1) {
            double best = Double.POSITIVE_INFINITY;
            for (int i : finite) {
                best = Math.min(best, points.get(i)[0]);
            }
            for (int i : finite) {
                if (points.get(i)[0] == best) {
                    out.add(i);
                }
            }
        } else {
            Integer[] order = finite.toArray(new Integer[0]);
            Arrays.sort(order, (a, b) -> lexicographic(points.get(a), points.get(b)));
            List<double[]> front = new ArrayList<>();
            for (int i : order) {
                double[] p = points.get(i);
                boolean dominated = false;
                for (int k = front.size() - 1; k >= 0 && !dominated; k--) {
                    dominated = dominates(front.get(k), p);
                }
                if (!dominated) {
                    front.add(p);
                    out.add(i);
                }
            }
            out.sort(null);
        }
        if (!other.isEmpty()) {
            out.removeIf(i -> other.stream().anyMatch(j -> dominates(points.get(j), points.get(i))));
        }
        return out;
    }

    /** Coordinate by coordinate, comparing as {@code <} does (0.0 and -0.0 are equal); finite values only. */
    private static int lexicographic(double[] a, double[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] < b[i]) {
                return -1;
            }
            if (a[i] > b[i]) {
                return 1;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    /**
     * Non-dominated sorting: front 0 is {@link #front}, front k the non-dominated points once fronts
     * 0..k-1 are removed. Every point is in exactly one front (those with a missing value too).
     */
    public static List<List<Integer>> fronts(List<double[]> points) {
        List<List<Integer>> out = new ArrayList<>();
        boolean[] removed = new boolean[points.size()];
        int left = points.size();
        while (left > 0) {
            List<Integer> front = new ArrayList<>();
            for (int i = 0; i < points.size(); i++) {
                if (!removed[i] && dominatedBy(points, i, removed) < 0) {
                    front.add(i);
                }
            }
            front.forEach(i -> removed[i] = true);
            left -= front.size();
            out.add(front);
        }
        return out;
    }

    private static int dominatedBy(List<double[]> points, int i, boolean[] removed) {
        for (int j = 0; j < points.size(); j++) {
            if (j != i && (removed == null || !removed[j]) && dominates(points.get(j), points.get(i))) {
                return j;
            }
        }
        return -1;
    }

    private static boolean finite(double[] p) {
        return Arrays.stream(p).allMatch(Double::isFinite);
    }

    /**
     * The volume dominated by {@code points} and bounded by {@code reference} (a point worse than every
     * point that should count; points not strictly better than it in every coordinate add nothing).
     * Exact: a sweep over the sorted points in 2-D, slicing along the last coordinate above (fine for
     * the tens to hundreds of trials of a sweep).
     */
    public static double hypervolume(List<double[]> points, double[] reference) {
        List<double[]> inside = new ArrayList<>();
        for (double[] p : points) {
            boolean in = p.length == reference.length;
            for (int i = 0; in && i < p.length; i++) {
                in = p[i] < reference[i];
            }
            if (in) {
                inside.add(p);
            }
        }
        return volume(inside, reference, reference.length);
    }

    /** The hypervolume of the first {@code dims} coordinates. */
    private static double volume(List<double[]> points, double[] reference, int dims) {
        if (points.isEmpty()) {
            return 0;
        }
        if (dims == 1) {
            return reference[0] - points.stream().mapToDouble(p -> p[0]).min().orElseThrow();
        }
        if (dims == 2) {
            List<double[]> sorted = new ArrayList<>(points);
            sorted.sort(Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
            double total = 0;
            double bestY = reference[1];
            for (double[] p : sorted) {
                if (p[1] < bestY) {
                    total += (reference[0] - p[0]) * (bestY - p[1]);
                    bestY = p[1];
                }
            }
            return total;
        }
        // Slice along the last coordinate: between consecutive values, the points at or below the slice
        // dominate a (dims-1)-dimensional region.
        int last = dims - 1;
        List<double[]> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(p -> p[last]));
        double total = 0;
        for (int i = 0; i < sorted.size(); i++) {
            double top = i + 1 < sorted.size() ? sorted.get(i + 1)[last] : reference[last];
            double depth = top - sorted.get(i)[last];
            if (depth > 0) {
                total += depth * volume(sorted.subList(0, i + 1), reference, last);
            }
        }
        return total;
    }

    /**
     * An order of the points for splitting them into "good" and "bad" as multi-objective TPE does:
     * front by front; the front that straddles {@code good} is ordered greedily by the hypervolume each
     * point adds to those already chosen (reference: the worst finite value of each coordinate, plus a
     * margin); ties and points with a missing value keep their index order.
     */
    static List<Integer> splitOrder(List<double[]> points, int good) {
        List<Integer> order = new ArrayList<>();
        double[] reference = reference(points);
        for (List<Integer> front : fronts(points)) {
            if (order.size() >= good || order.size() + front.size() <= good) {
                order.addAll(front);
                continue;
            }
            List<Integer> left = new ArrayList<>(front);
            List<double[]> chosen = new ArrayList<>();
            order.forEach(i -> chosen.add(points.get(i)));
            while (!left.isEmpty()) {
                double base = hypervolume(chosen, reference);
                int best = 0;
                double bestGain = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < left.size(); k++) {
                    chosen.add(points.get(left.get(k)));
                    double gain = hypervolume(chosen, reference) - base;
                    chosen.remove(chosen.size() - 1);
                    if (gain > bestGain) {
                        bestGain = gain;
                        best = k;
                    }
                }
                int pick = left.remove(best);
                order.add(pick);
                chosen.add(points.get(pick));
            }
        }
        return order;
    }

    private static double[] reference(List<double[]> points) {
        int d = points.isEmpty() ? 0 : points.get(0).length;
        double[] worst = new double[d];
        double[] best = new double[d];
        Arrays.fill(worst, Double.NEGATIVE_INFINITY);
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        for (double[] p : points) {
            for (int i = 0; i < d; i++) {
                if (Double.isFinite(p[i])) {
                    worst[i] = Math.max(worst[i], p[i]);
                    best[i] = Math.min(best[i], p[i]);
                }
            }
        }
        double[] reference = new double[d];
        for (int i = 0; i < d; i++) {
            double span = Double.isFinite(worst[i]) ? worst[i] - best[i] : 0;
            reference[i] = Double.isFinite(worst[i]) ? worst[i] + Math.max(1e-12, 0.1 * span) + 1e-9 * Math.abs(worst[i]) : 1;
        }
        return reference;
    }
}
