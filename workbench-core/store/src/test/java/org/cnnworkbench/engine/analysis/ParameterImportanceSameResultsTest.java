package org.cnnworkbench.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** ParameterImportance gives exactly what its first, straightforward version gave (kept below as the reference). */
class ParameterImportanceSameResultsTest {

    @Test
    void randomSweepsGiveTheSameImportancesAsTheReference() {
        Random random = new Random(42);
        Object[] words = {"adam", "sgd", "rmsprop", 1, 1L, "1", 0.0, -0.0, 2.5};
        int compared = 0;
        for (int round = 0; round < 400; round++) {
            int n = random.nextInt(80);
            List<ParameterImportance.Trial> trials = new ArrayList<>();
            int distinct = 1 + random.nextInt(12);
            for (int i = 0; i < n; i++) {
                Map<String, Object> params = new LinkedHashMap<>();
                if (random.nextInt(10) > 0) {
                    params.put("lr", Math.pow(10, -4 + 3 * random.nextInt(distinct) / (double) distinct));
                }
                params.put("units", random.nextBoolean() ? random.nextInt(distinct) : random.nextInt(distinct) - distinct / 2);
                params.put("opt", words[random.nextInt(random.nextInt(words.length) + 1)]);
                if (random.nextInt(4) == 0) {
                    params.put("dropout", random.nextInt(20) == 0 ? Double.NaN : 0.1 * random.nextInt(6));
                }
                double objective = random.nextInt(30) == 0 ? Double.NaN : random.nextInt(5) + random.nextGaussian();
                trials.add(new ParameterImportance.Trial(params, objective));
            }
            ParameterImportance.Result expected = of(trials);
            assertThat(ParameterImportance.of(trials)).as("round %d", round).isEqualTo(expected);
            compared += expected.importances().isEmpty() ? 0 : 1;
        }
        assertThat(compared).isGreaterThan(200);
    }

    static ParameterImportance.Result of(List<ParameterImportance.Trial> trials) {
        List<ParameterImportance.Trial> used = trials.stream().filter(t -> Double.isFinite(t.objective())).toList();
        String method = "main-effect share of variance (correlation ratio, binned)";
        if (used.size() < ParameterImportance.MIN_TRIALS) {
            return new ParameterImportance.Result(List.of(), used.size(), method, "needs at least " + ParameterImportance.MIN_TRIALS + " finished trials with an objective, has "
                    + used.size());
        }
        double mean = used.stream().mapToDouble(ParameterImportance.Trial::objective).average().orElse(0);
        double total = used.stream().mapToDouble(t -> (t.objective() - mean) * (t.objective() - mean)).sum();
        List<String> names = used.stream().flatMap(t -> t.params().keySet().stream()).distinct().sorted().toList();
        if (total == 0 || names.isEmpty()) {
            return new ParameterImportance.Result(List.of(), used.size(), method, "the objective does not vary across the trials");
        }
        // Each parameter's between-groups sum of squares, added group by group in order (as a loop adds them).
        List<ParameterImportance.Entry> raw = names.stream().map(name -> java.util.Map.entry(name, groups(used, name)))
                .filter(named -> named.getValue().size() >= 2)
                .map(named -> new ParameterImportance.Entry(named.getKey(), 0, named.getValue().values().stream()
                        .map(g -> spread(g.size(), g.stream().mapToDouble(Double::doubleValue).average().orElse(0) - mean))
                        .reduce(0.0, Double::sum) / total))
                .toList();
        double sum = raw.stream().mapToDouble(ParameterImportance.Entry::eta2).sum();
        List<ParameterImportance.Entry> out = new ArrayList<>();
        for (ParameterImportance.Entry e : raw) {
            out.add(new ParameterImportance.Entry(e.parameter(), sum == 0 ? 0 : e.eta2() / sum, e.eta2()));
        }
        out.sort(Comparator.comparingDouble(ParameterImportance.Entry::importance).reversed());
        return new ParameterImportance.Result(out, used.size(), method, out.isEmpty() ? "no parameter varies across the trials" : null);
    }

    /** A group's share of the between-groups sum of squares: its size times its mean's squared distance. */
    private static double spread(int size, double d) {
        return size * d * d;
    }

    /** The trials' objectives grouped by the parameter's value (or bin); absent values form their own group. */
    private static Map<String, List<Double>> groups(List<ParameterImportance.Trial> trials, String name) {
        Map<String, List<Double>> groups = new LinkedHashMap<>();
        List<double[]> numeric = new ArrayList<>();
        boolean allNumeric = true;
        for (ParameterImportance.Trial t : trials) {
            Object v = t.params().get(name);
            if (v instanceof Number n) {
                numeric.add(new double[] {n.doubleValue(), t.objective()});
            } else if (v != null) {
                allNumeric = false;
            }
        }
        if (!allNumeric || numeric.stream().map(p -> p[0]).distinct().count() <= 6) {
            for (ParameterImportance.Trial t : trials) {
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
        for (ParameterImportance.Trial t : trials) {
            if (t.params().get(name) == null) {
                groups.computeIfAbsent("absent", k -> new ArrayList<>()).add(t.objective());
            }
        }
        return groups;
    }
}
