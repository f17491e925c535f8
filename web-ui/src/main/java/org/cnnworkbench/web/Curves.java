package org.cnnworkbench.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.api.EpochMetrics;

/**
 * A run's curves for a chart of a given width: every recorded point while they fit, else reduced
 * honestly — equal-width buckets over the visible epoch range, each drawn by its minimum and its
 * maximum (in epoch order, so a spike stays a spike) with the min–max band for shading; the first
 * and last visible points are always kept exactly. Never random sampling. Zooming re-buckets the
 * visible range, so detail grows as the range shrinks. Non-finite values (NaN, ±inf) are kept when
 * raw and left out of buckets.
 */
final class Curves {
    private Curves() {
    }

    /**
     * @param from first epoch shown, or null; @param to last epoch shown, or null
     * @param points the most points one curve may have (at least 4)
     */
    static Map<String, Object> of(List<EpochMetrics> epochs, List<String> keys, Integer from, Integer to, int points) {
        return of(epochs, Map.of(), keys, from, to, points);
    }

    /**
     * As {@link #of(List, List, Integer, Integer, int)}, where a key of {@code batches} (per-batch points at
     * fractional epochs, e.g. {@code batch_loss}) is drawn from those points on the same x axis.
     */
    static Map<String, Object> of(List<EpochMetrics> epochs, Map<String, List<double[]>> batches, List<String> keys, Integer from,
                                  Integer to, int points) {
        Map<String, Object> series = new LinkedHashMap<>();
        for (String key : keys) {
            if (batches.containsKey(key)) {
                series.put(key, reduce(visible(batches.get(key), from, to), points));
                continue;
            }
            List<double[]> all = new ArrayList<>();
            for (EpochMetrics e : epochs) {
                Double v = e.values().get(key);
                if (v != null) {
                    all.add(new double[] {e.epoch(), v});
                }
            }
            if (!all.isEmpty()) {
                series.put(key, reduce(visible(all, from, to), points));
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("series", series);
        doc.put("epochs", epochs.isEmpty() ? List.of() : List.of(epochs.get(0).epoch(), epochs.get(epochs.size() - 1).epoch()));
        return doc;
    }

    /** The points within [from, to] plus one neighbour on each side, so the line reaches the chart's edges. */
    static List<double[]> visible(List<double[]> all, Integer from, Integer to) {
        int first = 0;
        int last = all.size() - 1;
        if (from != null) {
            while (first < all.size() && all.get(first)[0] < from) {
                first++;
            }
            first = Math.max(0, first - 1);
        }
        if (to != null) {
            while (last >= 0 && all.get(last)[0] > to) {
                last--;
            }
            last = Math.min(all.size() - 1, last + 1);
        }
        return first > last ? List.of() : all.subList(first, last + 1);
    }

    static Map<String, Object> reduce(List<double[]> pts, int maxPoints) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (pts.size() <= maxPoints) {
            out.put("raw", true);
            out.put("points", pts.stream().map(p -> List.of(p[0], (Object) value(p[1]))).toList());
            return out;
        }
        int buckets = Math.max(1, (maxPoints - 2) / 2);
        double x0 = pts.get(0)[0];
        double x1 = pts.get(pts.size() - 1)[0];
        double width = (x1 - x0) / buckets;
        List<List<Object>> line = new ArrayList<>();
        List<List<Object>> band = new ArrayList<>();
        line.add(List.of(x0, value(pts.get(0)[1])));
        int i = 1;
        int end = pts.size() - 1;
        for (int b = 0; b < buckets && i < end; b++) {
            double limit = b == buckets - 1 ? Double.POSITIVE_INFINITY : x0 + (b + 1) * width;
            double[] min = null;
            double[] max = null;
            double lastX = Double.NaN;
            for (; i < end && pts.get(i)[0] <= limit; i++) {
                double[] p = pts.get(i);
                lastX = p[0];
                if (!Double.isFinite(p[1])) {
                    continue;
                }
                if (min == null || p[1] < min[1]) {
                    min = p;
                }
                if (max == null || p[1] > max[1]) {
                    max = p;
                }
            }
            if (min == null) {
                continue; // an empty bucket (a gap in the epochs) or only non-finite values
            }
            double[] a = min[0] <= max[0] ? min : max;
            double[] c = a == min ? max : min;
            line.add(List.of(a[0], a[1]));
            if (c != a) {
                line.add(List.of(c[0], c[1]));
            }
            band.add(List.of(lastX, min[1], max[1]));
        }
        double[] lastPoint = pts.get(end);
        line.add(List.of(lastPoint[0], value(lastPoint[1])));
        out.put("raw", false);
        out.put("points", line);
        out.put("band", band);
        return out;
    }

    /** A value as the JSON carries it: finite numbers as numbers, NaN and infinities as strings. */
    private static Object value(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return v;
    }
}
