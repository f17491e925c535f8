package org.cnnworkbench.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class MultiObjectiveTest {

    /** Brute force: i is on the front when no j is at least as good everywhere and better somewhere. */
    static List<Integer> bruteFront(List<double[]> points) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            boolean dominated = false;
            for (int j = 0; j < points.size() && !dominated; j++) {
                boolean noWorse = true;
                boolean better = false;
                for (int k = 0; k < points.get(i).length; k++) {
                    noWorse &= points.get(j)[k] <= points.get(i)[k];
                    better |= points.get(j)[k] < points.get(i)[k];
                }
                dominated = j != i && noWorse && better;
            }
            if (!dominated) {
                out.add(i);
            }
        }
        return out;
    }

    /** Inclusion-exclusion over every subset of boxes [p, reference]: exact, exponential, for a handful of points. */
    static double bruteHypervolume(List<double[]> points, double[] reference) {
        int n = points.size();
        double total = 0;
        for (int mask = 1; mask < 1 << n; mask++) {
            double volume = 1;
            for (int k = 0; k < reference.length; k++) {
                double low = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    if ((mask & 1 << i) != 0) {
                        low = Math.max(low, points.get(i)[k]);
                    }
                }
                volume *= Math.max(0, reference[k] - low);
            }
            total += Integer.bitCount(mask) % 2 == 1 ? volume : -volume;
        }
        return total;
    }

    static List<double[]> randomPoints(SplittableRandom random, int n, int d, boolean ties) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] p = new double[d];
            for (int k = 0; k < d; k++) {
                p[k] = ties ? random.nextInt(4) : random.nextDouble();
            }
            points.add(p);
        }
        return points;
    }

    @Test
    void frontMatchesBruteForceDominanceOnRandomPointSets() {
        SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 300; round++) {
            int d = 2 + round % 3;
            List<double[]> points = randomPoints(random, 1 + random.nextInt(40), d, round % 2 == 0);
            assertThat(Pareto.front(points)).as("round %d", round).isEqualTo(bruteFront(points));
            List<List<Integer>> fronts = Pareto.fronts(points);
            assertThat(fronts.get(0)).isEqualTo(bruteFront(points));
            assertThat(fronts.stream().mapToInt(List::size).sum()).isEqualTo(points.size());
            // Nothing in a later front dominates anything in an earlier one.
            for (int f = 1; f < fronts.size(); f++) {
                for (int later : fronts.get(f)) {
                    for (int earlier : fronts.get(f - 1)) {
                        assertThat(Pareto.dominates(points.get(later), points.get(earlier))).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void hypervolumeMatchesInclusionExclusionInTwoThreeAndFourDimensions() {
        SplittableRandom random = new SplittableRandom(5);
        for (int round = 0; round < 120; round++) {
            int d = 2 + round % 3;
            List<double[]> points = randomPoints(random, 1 + random.nextInt(9), d, round % 4 == 1);
            double[] reference = new double[d];
            java.util.Arrays.fill(reference, round % 4 == 1 ? 3.5 : 0.9);
            List<double[]> inside = points.stream().filter(p -> java.util.Arrays.stream(p).allMatch(v -> v < reference[0])).toList();
            assertThat(Pareto.hypervolume(points, reference)).as("round %d", round)
                    .isCloseTo(bruteHypervolume(inside, reference), within(1e-12));
        }
        assertThat(Pareto.hypervolume(List.of(new double[] {1, 2}, new double[] {2, 1}), new double[] {3, 3})).isEqualTo(3.0);
    }

    @Test
    void lossesTurnDirectionsAndMissingValues() {
        List<Objective> objectives = List.of(new Objective("val_accuracy", Objective.Direction.MAXIMIZE, Objective.Over.BEST),
                new Objective("total_params", Objective.Direction.MINIMIZE, Objective.Over.BEST));
        assertThat(Pareto.losses(objectives, List.of(0.8, 1000.0))).containsExactly(-0.8, 1000.0);
        assertThat(Pareto.losses(objectives, List.of(Double.NaN))).containsExactly(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
        // Missing values never make the front.
        assertThat(Pareto.front(List.of(new double[] {Double.POSITIVE_INFINITY, -1}, new double[] {0, 0}))).containsExactly(1);
    }

    @Test
    void splitOrderTakesWholeFrontsThenTheLargestHypervolumeGain() {
        List<double[]> points = List.of(new double[] {0, 10}, new double[] {5, 5}, new double[] {10, 0}, new double[] {6, 6},
                new double[] {4.9, 5.1}, new double[] {20, 20});
        List<Integer> order = Pareto.splitOrder(points, 2);
        assertThat(order.subList(0, 4)).containsExactlyInAnyOrder(0, 1, 2, 4);
        assertThat(order.subList(4, 6)).containsExactly(3, 5);
        List<Integer> two = Pareto.splitOrder(points, 5);
        assertThat(two.subList(0, 4)).containsExactlyInAnyOrder(0, 1, 2, 4);
    }

    static final String TWO = """
            {"strategy": "%s", "trials": 40, "seed": %d,
             "objectives": [{"metric": "f1", "direction": "minimize"}, {"metric": "f2", "direction": "minimize"}],
             "parameters": {"x1": {"uniform": [0, 1]}, "x2": {"uniform": [0, 1]}, "x3": {"uniform": [0, 1]}}}""";

    /** ZDT1 on three variables: the front is x2 = x3 = 0, f2 = 1 - sqrt(f1). */
    static double[] zdt1(Map<String, Object> p) {
        double f1 = (Double) p.get("x1");
        double g = 1 + 9 * ((Double) p.get("x2") + (Double) p.get("x3")) / 2;
        return new double[] {f1, g * (1 - Math.sqrt(f1 / g))};
    }

    static double hypervolumeAfter(SweepSpec spec) {
        Sampler sampler = Samplers.create(spec);
        List<FinishedTrial> history = new ArrayList<>();
        List<double[]> points = new ArrayList<>();
        for (int n = 0; n < spec.trials(); n++) {
            Map<String, Object> p = sampler.sample(n, List.copyOf(history));
            double[] f = zdt1(p);
            history.add(new FinishedTrial(n, p, false, f[0], List.of(f[0], f[1])));
            points.add(f);
        }
        return Pareto.hypervolume(points, new double[] {1.1, 11});
    }

    /** Ranking the trials by the first objective alone (TPE's single-objective split) loses to random here. */
    @Test
    void multiObjectiveTpeReachesALargerHypervolumeThanRandom() {
        double tpe = 0;
        double random = 0;
        for (int seed = 0; seed < 8; seed++) {
            tpe += hypervolumeAfter(SweepJson.valid(TWO.formatted("tpe", seed)));
            random += hypervolumeAfter(SweepJson.valid(TWO.formatted("random", seed)));
        }
        assertThat(tpe).isGreaterThan(random);
    }

    @Test
    void objectivesParseRoundTripAndRefuseWhatCannotGoWithThem() {
        SweepSpec spec = SweepJson.valid(TWO.formatted("tpe", 1));
        assertThat(spec.multiObjective()).isTrue();
        assertThat(spec.objectives()).containsExactly(new Objective("f1", Objective.Direction.MINIMIZE, Objective.Over.BEST),
                new Objective("f2", Objective.Direction.MINIMIZE, Objective.Over.BEST));
        assertThat(spec.objective()).isEqualTo(spec.objectives().get(0));
        assertThat(SweepJson.valid(spec.toJson().toString())).isEqualTo(spec);
        SweepSpec params = SweepJson.valid("""
                {"strategy": "random", "trials": 4, "objectives": ["val_accuracy", "total_params"],
                 "parameters": {"a": {"uniform": [0, 1]}}}""");
        assertThat(params.objectives().get(1).direction()).isEqualTo(Objective.Direction.MINIMIZE);
        assertThat(SweepJson.valid("{\"strategy\": \"random\", \"trials\": 4, \"parameters\": {\"a\": {\"uniform\": [0, 1]}}}")
                .objectives()).hasSize(1);

        SweepJson both = new SweepJson();
        assertThat(both.parse("""
                {"strategy": "tpe", "trials": 4, "objective": "val_loss", "objectives": [{"metric": "val_loss"}, {"metric": "val_loss"}],
                 "pruner": {"type": "median"}, "parameters": {"a": {"uniform": [0, 1]}}}""")).isNull();
        assertThat(both.problems).containsExactly(
                "/sweep/objectives/1: objectives lists val_loss twice; each metric may be one objective only",
                "/sweep/objectives: sweep has both objective and objectives; give objectives alone, its first entry is the main one");
        SweepJson pruned = new SweepJson();
        assertThat(pruned.parse("""
                {"strategy": "tpe", "trials": 4, "objectives": ["val_loss", "total_params"],
                 "pruner": {"type": "median"}, "parameters": {"a": {"uniform": [0, 1]}}}""")).isNull();
        assertThat(pruned.problems).containsExactly("/sweep/pruner: a sweep with several objectives cannot stop trials early"
                + " (a pruner or strategy hyperband ranks one objective); remove the pruner or keep one objective");
        SweepJson empty = new SweepJson();
        assertThat(empty.parse("{\"strategy\": \"tpe\", \"trials\": 4, \"objectives\": [], \"parameters\": {\"a\": {\"uniform\": [0, 1]}}}"))
                .isNull();
        assertThat(empty.problems).containsExactly("/sweep/objectives: objectives in sweep must be a list of mappings such as "
                + "[{metric: val_accuracy, direction: maximize}, {metric: total_params, direction: minimize}], found []");
    }
}
