package org.cnnworkbench.engine.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How much of the objective's variation each parameter explains on its own, across a sweep's finished
 * trials: the correlation ratio η² of the objective on the parameter (the first-order, main-effect
 * share of variance that fANOVA reports), with numeric parameters binned into equal-count bins (on a
 * log scale when they span more than 50×) and categorical ones grouped by value. Normalised to sum
 * to 1 for the chart; the raw η² is kept. Interactions are not captured.
 */
public final class ParameterImportance {
    /** Trials needed before importances mean anything. */
    public static final int MIN_TRIALS = 5;

    /** A parameter's share ({@code importance}, summing to 1) and its raw correlation ratio {@code eta2}. */
    public record Entry(String parameter, double importance, double eta2) {
    }

    /** The importances, most important first, or none with the reason. */
    public record Result(List<Entry> importances, int trials, String method, String reason) {
    }

    /** A finished trial: its parameters (numbers or text; absent for inactive conditional ones) and objective. */
    public record Trial(Map<String, Object> params, double objective) {
    }

    private ParameterImportance() {
    }

    public static Result of(List<Trial> trials) {
        List<Trial> used = trials.stream().filter(t -> Double.isFinite(t.objective())).toList();
        String method = "main-effect share of variance (correlation ratio, binned)";
        if (used.size() < MIN_TRIALS) {
            return new Result(List.of(), used.size(), method, "needs at least " + MIN_TRIALS + " finished trials with an objective, has "
                    + used.size());
        }
        double mean = used.stream().mapToDouble(Trial::objective).average().orElse(0);
        double total = used.stream().mapToDouble(t -> (t.objective() - mean) * (t.objective() - mean)).sum();
        java.util.TreeSet<String> keys = new java.util.TreeSet<>();
        for (Trial t : used) {
            keys.addAll(t.params().keySet());
        }
        List<String> names = List.copyOf(keys);
        if (total == 0 || names.isEmpty()) {
            return new Result(List.of(), used.size(), method, "the objective does not vary across the trials");
        }
        List<Entry> raw = new ArrayList<>();
        for (String name : names) {
            Map<String, List<Double>> groups = groups(used, name);
            if (groups.size() < 2) {
                continue;
            }
            double between = 0;
            for (List<Double> g : groups.values()) {
                double m = g.stream().mapToDouble(Double::doubleValue).average().orElse(0);
                between += g.size() * (m - mean) * (m - mean);
            }
            raw.add(new Entry(name, 0, between / total));
        }
        double sum = raw.stream().mapToDouble(Entry::eta2).sum();
        List<Entry> out = new ArrayList<>();
        for (Entry e : raw) {
            out.add(new Entry(e.parameter(), sum == 0 ? 0 : e.eta2() / sum, e.eta2()));
        }
        out.sort(Comparator.comparingDouble(Entry::importance).reversed());
        return new Result(out, used.size(), method, out.isEmpty() ? "no parameter varies across the trials" : null);
    }

    /**
     * The trials' objectives grouped by the parameter's value (or bin); absent values form their own group.
     * Each value is read once, a value's text is worked out once per distinct value, and the log of a
     * number once per trial (this runs for every parameter of sweeps of 10,000 trials).
     */
    private static Map<String, List<Double>> groups(List<Trial> trials, String name) {
        Map<String, List<Double>> groups = new LinkedHashMap<>();
        int n = trials.size();
        Object[] values = new Object[n];
        int numericCount = 0;
        boolean allNumeric = true;
        java.util.Set<Double> distinct = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            Object v = trials.get(i).params().get(name);
            values[i] = v;
            if (v instanceof Number number) {
                numericCount++;
                if (distinct.size() <= 6) {
                    distinct.add(number.doubleValue());
                }
            } else if (v != null) {
                allNumeric = false;
            }
        }
        if (!allNumeric || distinct.size() <= 6) {
            Map<Object, String> text = new java.util.HashMap<>();
            for (int i = 0; i < n; i++) {
                Object v = values[i];
                String key = v == null ? "null" : text.computeIfAbsent(v, String::valueOf);
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(trials.get(i).objective());
            }
            return groups;
        }
        boolean positive = true;
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        List<double[]> numeric = new ArrayList<>(numericCount);
        for (int i = 0; i < n; i++) {
            if (values[i] instanceof Number number) {
                double x = number.doubleValue();
                numeric.add(new double[] {x, trials.get(i).objective(), 0});
                positive &= x > 0;
                max = Math.max(max, x);
                min = Math.min(min, x);
            }
        }
        boolean log = positive && max / min > 50;
        for (double[] p : numeric) {
            p[2] = log ? Math.log(p[0]) : p[0];
        }
        numeric.sort(Comparator.comparingDouble(p -> p[2]));
        int bins = Math.max(2, Math.min(5, numeric.size() / 3));
        for (int i = 0; i < numeric.size(); i++) {
            groups.computeIfAbsent("bin" + (i * bins / numeric.size()), k -> new ArrayList<>()).add(numeric.get(i)[1]);
        }
        for (int i = 0; i < n; i++) {
            if (values[i] == null) {
                groups.computeIfAbsent("absent", k -> new ArrayList<>()).add(trials.get(i).objective());
            }
        }
        return groups;
    }
}
