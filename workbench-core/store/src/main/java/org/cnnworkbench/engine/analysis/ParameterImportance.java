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
        List<String> names = used.stream().flatMap(t -> t.params().keySet().stream()).distinct().sorted().toList();
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

    /** The trials' objectives grouped by the parameter's value (or bin); absent values form their own group. */
    private static Map<String, List<Double>> groups(List<Trial> trials, String name) {
        Map<String, List<Double>> groups = new LinkedHashMap<>();
        List<double[]> numeric = new ArrayList<>();
        boolean allNumeric = true;
        for (Trial t : trials) {
            Object v = t.params().get(name);
            if (v instanceof Number n) {
                numeric.add(new double[] {n.doubleValue(), t.objective()});
            } else if (v != null) {
                allNumeric = false;
            }
        }
        if (!allNumeric || numeric.stream().map(p -> p[0]).distinct().count() <= 6) {
            for (Trial t : trials) {
                groups.computeIfAbsent(String.valueOf(t.params().get(name)), k -> new ArrayList<>()).add(t.objective());
            }
            return groups;
        }
        boolean log = numeric.stream().allMatch(p -> p[0] > 0)
                && numeric.stream().mapToDouble(p -> p[0]).max().orElse(1) / numeric.stream().mapToDouble(p -> p[0]).min().orElse(1) > 50;
        numeric.sort(Comparator.comparingDouble(p -> log ? Math.log(p[0]) : p[0]));
        int bins = Math.max(2, Math.min(5, numeric.size() / 3));
        for (int i = 0; i < numeric.size(); i++) {
            groups.computeIfAbsent("bin" + (i * bins / numeric.size()), k -> new ArrayList<>()).add(numeric.get(i)[1]);
        }
        for (Trial t : trials) {
            if (t.params().get(name) == null) {
                groups.computeIfAbsent("absent", k -> new ArrayList<>()).add(t.objective());
            }
        }
        return groups;
    }
}
