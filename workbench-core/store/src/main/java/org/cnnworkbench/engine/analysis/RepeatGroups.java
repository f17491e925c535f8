package org.cnnworkbench.engine.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs that differ only in their seed are repeats of one configuration: grouped here (in the order
 * their first run comes), with per-epoch mean ± sample standard deviation of a metric across a group.
 */
public final class RepeatGroups {
    /** The parameters that only choose a seed. */
    public static final Set<String> SEED_KEYS = Set.of("training.seed");

    /** A run as grouping sees it: its id and its flattened parameters. */
    public record Run(String id, Map<String, Object> params) {
    }

    /** A configuration and its runs; {@code label} names what sets it apart from the other groups. */
    public record Group(String key, String label, List<String> runs) {
    }

    /** Mean and sample standard deviation (0 for one run) of the runs that have a finite value at an epoch. */
    public record Band(int epoch, double mean, double std, int n) {
    }

    private RepeatGroups() {
    }

    public static List<Group> of(List<Run> runs) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        Map<String, Map<String, Object>> params = new LinkedHashMap<>();
        for (Run r : runs) {
            Map<String, Object> p = new TreeMap<>(r.params());
            SEED_KEYS.forEach(p::remove);
            String key = p.toString();
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(r.id());
            params.putIfAbsent(key, p);
        }
        // The label: the parameters whose values differ between groups.
        List<String> differing = new ArrayList<>();
        List<Map<String, Object>> all = new ArrayList<>(params.values());
        Set<String> keys = new java.util.TreeSet<>();
        all.forEach(m -> keys.addAll(m.keySet()));
        for (String k : keys) {
            if (all.stream().map(m -> String.valueOf(m.get(k))).distinct().count() > 1) {
                differing.add(k);
            }
        }
        List<Group> out = new ArrayList<>();
        byKey.forEach((key, ids) -> {
            Map<String, Object> p = params.get(key);
            List<String> parts = new ArrayList<>();
            for (String k : differing) {
                parts.add(k.substring(k.lastIndexOf('.') + 1) + "=" + p.get(k));
            }
            out.add(new Group(key, parts.isEmpty() ? "same configuration" : String.join(" ", parts), List.copyOf(ids)));
        });
        return out;
    }

    /** Per epoch, across the curves (epoch → value) of a group's runs. */
    public static List<Band> bands(List<Map<Integer, Double>> curves) {
        Map<Integer, List<Double>> byEpoch = new TreeMap<>();
        for (Map<Integer, Double> c : curves) {
            c.forEach((epoch, v) -> {
                if (v != null && Double.isFinite(v)) {
                    byEpoch.computeIfAbsent(epoch, e -> new ArrayList<>()).add(v);
                }
            });
        }
        List<Band> out = new ArrayList<>();
        byEpoch.forEach((epoch, values) -> {
            double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
            double mean = Welch.mean(v);
            out.add(new Band(epoch, mean, Math.sqrt(Welch.variance(v, mean)), v.length));
        });
        return out;
    }

    static boolean sameIgnoringSeed(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> x = new TreeMap<>(a);
        Map<String, Object> y = new TreeMap<>(b);
        SEED_KEYS.forEach(k -> {
            x.remove(k);
            y.remove(k);
        });
        return Objects.equals(x, y);
    }
}
