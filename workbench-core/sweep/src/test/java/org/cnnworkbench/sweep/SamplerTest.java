package org.cnnworkbench.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;

class SamplerTest {

    @Test
    void gridIsTheExactCartesianProduct() {
        SweepSpec spec = SweepJson.valid("""
                {"strategy": "grid", "parameters": {"training.batch_size": {"choice": [32, 64]},
                 "architecture.params.filters": {"int": [16, 48], "step": 16}, "training.optimizer": "adam"}}""");
        Sampler grid = Samplers.create(spec);
        assertThat(grid.size()).hasValue(6);
        Set<Map<String, Object>> seen = new HashSet<>();
        for (int n = 0; n < 6; n++) {
            Map<String, Object> params = grid.sample(n, List.of());
            assertThat(params.keySet()).containsExactly("training.batch_size", "architecture.params.filters", "training.optimizer");
            seen.add(params);
        }
        Set<Map<String, Object>> expected = new HashSet<>();
        for (int batch : new int[] {32, 64}) {
            for (long filters : new long[] {16, 32, 48}) {
                expected.add(Map.of("training.batch_size", batch, "architecture.params.filters", filters, "training.optimizer", "adam"));
            }
        }
        assertThat(seen).isEqualTo(expected);
        assertThatThrownBy(() -> grid.sample(6, List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the grid has 6 configurations (0 to 5), found configuration number 6");
    }

    @Test
    void gridOrderIsShuffledBySeedAndStable() {
        String section = "{\"strategy\": \"grid\", \"seed\": %d, \"grid_points\": 5, \"parameters\": {\"a\": {\"uniform\": [0, 1]},"
                + " \"b\": {\"log_uniform\": [1, 10000]}}}";
        Sampler first = Samplers.create(SweepJson.valid(section.formatted(1)));
        Sampler again = Samplers.create(SweepJson.valid(section.formatted(1)));
        Sampler other = Samplers.create(SweepJson.valid(section.formatted(2)));
        List<Map<String, Object>> a = new ArrayList<>();
        List<Map<String, Object>> b = new ArrayList<>();
        List<Map<String, Object>> c = new ArrayList<>();
        for (int n = 0; n < 25; n++) {
            a.add(first.sample(n, List.of()));
            b.add(again.sample(n, List.of()));
            c.add(other.sample(n, List.of()));
        }
        assertThat(a).isEqualTo(b).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(c).isNotEqualTo(c);
        assertThat(a).extracting(m -> m.get("b")).containsOnly(1.0, 10.0, 100.0, 1000.0, 10000.0);
        assertThat(a).extracting(m -> m.get("a")).containsOnly(0.0, 0.25, 0.5, 0.75, 1.0);
    }

    @Test
    void gridBranchesConditionalParametersOnlyWhereActive() {
        Sampler grid = Samplers.create(SweepJson.valid("""
                {"strategy": "grid", "parameters": {"architecture.type": {"choice": ["small-cnn", "lenet5"]},
                 "units": {"choice": [32, 64, 128], "when": {"architecture.type": "small-cnn"}}}}"""));
        assertThat(grid.size()).hasValue(4);
        Set<Map<String, Object>> seen = new HashSet<>();
        for (int n = 0; n < 4; n++) {
            seen.add(grid.sample(n, List.of()));
        }
        assertThat(seen).containsExactlyInAnyOrder(Map.of("architecture.type", "lenet5"),
                Map.of("architecture.type", "small-cnn", "units", 32), Map.of("architecture.type", "small-cnn", "units", 64),
                Map.of("architecture.type", "small-cnn", "units", 128));
    }

    static final String MIXED = """
            {"strategy": "%s", "trials": 40, "seed": %d, "parameters": {
              "training.learning_rate": {"log_uniform": [1.0e-4, 1.0e-2]},
              "architecture.params.filters": {"int": [16, 64], "step": 16},
              "architecture.type": {"choice": ["small-cnn", "lenet5"]},
              "units": {"int": [32, 256], "log": true, "when": {"architecture.type": "small-cnn"}},
              "training.optimizer": "adam"}}""";

    @Test
    void randomIsReproducibleWithinBoundsAndIndependentOfHistory() {
        Sampler random = Samplers.create(SweepJson.valid(MIXED.formatted("random", 5)));
        Sampler again = Samplers.create(SweepJson.valid(MIXED.formatted("random", 5)));
        Sampler other = Samplers.create(SweepJson.valid(MIXED.formatted("random", 6)));
        assertThat(random.size()).isEmpty();
        List<FinishedTrial> history = List.of(new FinishedTrial(0, Map.of("training.learning_rate", 0.001), false, 0.5));
        int withUnits = 0;
        for (int n = 0; n < 200; n++) {
            Map<String, Object> p = random.sample(n, List.of());
            assertThat(again.sample(n, history)).isEqualTo(p);
            assertThat(other.sample(n, List.of())).isNotEqualTo(p);
            assertThat((Double) p.get("training.learning_rate")).isBetween(1e-4, 1e-2);
            assertThat((Long) p.get("architecture.params.filters")).isIn(16L, 32L, 48L, 64L);
            assertThat(p.get("training.optimizer")).isEqualTo("adam");
            if (p.get("architecture.type").equals("small-cnn")) {
                withUnits++;
                assertThat((Long) p.get("units")).isBetween(32L, 256L);
            } else {
                assertThat(p).doesNotContainKey("units");
            }
        }
        assertThat(withUnits).isBetween(70, 130);
    }

    /** Runs a sweep on a function of the parameters; returns the best value (minimised). */
    static double bestAfter(SweepSpec spec, ToDoubleFunction<Map<String, Object>> f) {
        Sampler sampler = Samplers.create(spec);
        List<FinishedTrial> history = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        for (int n = 0; n < spec.trials(); n++) {
            Map<String, Object> p = sampler.sample(n, List.copyOf(history));
            double v = f.applyAsDouble(p);
            history.add(new FinishedTrial(n, p, false, spec.objective().direction() == Objective.Direction.MINIMIZE ? v : -v));
            best = Math.min(best, v);
        }
        return best;
    }

    static double branin(Map<String, Object> p) {
        double x1 = (Double) p.get("x1");
        double x2 = (Double) p.get("x2");
        double u = x2 - 5.1 / (4 * Math.PI * Math.PI) * x1 * x1 + 5 / Math.PI * x1 - 6;
        return u * u + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x1) + 10;
    }

    static final String BRANIN = """
            {"strategy": "%s", "trials": 40, "seed": %d, "objective": {"metric": "value", "direction": "%s"},
             "parameters": {"x1": {"uniform": [-5, 10]}, "x2": {"uniform": [0, 15]}}}""";

    @Test
    void tpeFindsLowerBraninValuesThanRandomOverTenSeeds() {
        double tpe = 0;
        double random = 0;
        for (int seed = 0; seed < 10; seed++) {
            tpe += bestAfter(SweepJson.valid(BRANIN.formatted("tpe", seed, "minimize")), SamplerTest::branin) - 0.397887;
            random += bestAfter(SweepJson.valid(BRANIN.formatted("random", seed, "minimize")), SamplerTest::branin) - 0.397887;
        }
        // Measured: TPE's mean regret is several times smaller than random's; demand at least half.
        assertThat(tpe / 10).isLessThan(0.5 * random / 10);
    }

    @Test
    void tpeFollowsTheDirection() {
        // Maximising -branin is minimising branin: the sampler must aim for high objective values.
        double tpe = 0;
        double random = 0;
        for (int seed = 0; seed < 10; seed++) {
            tpe += bestAfter(SweepJson.valid(BRANIN.formatted("tpe", seed, "maximize")), SamplerTest::branin);
            random += bestAfter(SweepJson.valid(BRANIN.formatted("random", seed, "maximize")), SamplerTest::branin);
        }
        assertThat(tpe).isLessThan(random);
    }

    @Test
    void univariateTpeAlsoBeatsRandom() {
        double tpe = 0;
        double random = 0;
        for (int seed = 0; seed < 10; seed++) {
            String section = BRANIN.formatted("tpe", seed, "minimize").replace("\"parameters\"",
                    "\"strategy_options\": {\"multivariate\": false}, \"parameters\"");
            tpe += bestAfter(SweepJson.valid(section), SamplerTest::branin);
            random += bestAfter(SweepJson.valid(BRANIN.formatted("random", seed, "minimize")), SamplerTest::branin);
        }
        assertThat(tpe).isLessThan(random);
    }

    @Test
    void tpeIsDeterministicForTheSameSeedAndHistory() {
        SweepSpec spec = SweepJson.valid(MIXED.formatted("tpe", 3));
        List<FinishedTrial> history = new ArrayList<>();
        Sampler random = Samplers.create(SweepJson.valid(MIXED.formatted("random", 11)));
        for (int n = 0; n < 15; n++) {
            Map<String, Object> p = random.sample(n, List.of());
            history.add(new FinishedTrial(n, p, n % 4 == 3, n % 5 == 4 ? Double.NaN : n * 0.37 % 1));
        }
        List<FinishedTrial> shuffled = new ArrayList<>(history);
        java.util.Collections.reverse(shuffled);
        Map<String, Object> a = Samplers.create(spec).sample(15, history);
        assertThat(Samplers.create(spec).sample(15, shuffled)).isEqualTo(a);
        assertThat(Samplers.create(SweepJson.valid(MIXED.formatted("tpe", 4))).sample(15, history)).isNotEqualTo(a);
        assertThat(Samplers.create(spec).sample(16, history)).isNotEqualTo(a);
    }

    @Test
    void tpeStartsRandomlyThenLearnsWhichCategoryAndConditionalValuesWin() {
        // Objective (maximised): small-cnn beats lenet5, and for small-cnn more units are better.
        ToDoubleFunction<Map<String, Object>> score = p -> p.get("architecture.type").equals("small-cnn")
                ? 0.5 + (Long) p.get("units") / 512.0 : 0.3 - ((Double) p.get("training.learning_rate"));
        SweepSpec spec = SweepJson.valid(MIXED.formatted("tpe", 9));
        Sampler tpe = Samplers.create(spec);
        Sampler random = Samplers.create(SweepJson.valid(MIXED.formatted("random", 9)));
        List<FinishedTrial> history = new ArrayList<>();
        int smallLate = 0;
        long unitsLate = 0;
        for (int n = 0; n < 40; n++) {
            Map<String, Object> p = tpe.sample(n, List.copyOf(history));
            if (n < 8) {
                // The budget of 40 gives min(10, max(2, 40 / 5)) = 8 random configurations first.
                assertThat(p).isEqualTo(random.sample(n, List.of()));
            }
            assertThat(p.containsKey("units")).isEqualTo(p.get("architecture.type").equals("small-cnn"));
            if (n >= 20 && p.get("architecture.type").equals("small-cnn")) {
                smallLate++;
                unitsLate += (Long) p.get("units");
            }
            history.add(new FinishedTrial(n, p, false, score.applyAsDouble(p)));
        }
        assertThat(smallLate).isGreaterThanOrEqualTo(15);
        assertThat(unitsLate / (double) smallLate).isGreaterThan(150);
    }

    @Test
    void tpeCopesWithPrunedAndValuelessTrialsAndForeignParameters() {
        SweepSpec spec = SweepJson.valid(MIXED.formatted("tpe", 1));
        List<FinishedTrial> history = new ArrayList<>();
        for (int n = 0; n < 12; n++) {
            history.add(new FinishedTrial(n, Map.of("training.learning_rate", 1e-3, "architecture.params.filters", 32L,
                    "architecture.type", n % 2 == 0 ? "lenet5" : "resnet"), n % 3 == 0, n % 2 == 0 ? Double.NaN : 0.5));
        }
        Map<String, Object> p = Samplers.create(spec).sample(12, history);
        assertThat((Double) p.get("training.learning_rate")).isBetween(1e-4, 1e-2);
        assertThat(p.get("architecture.type")).isIn("small-cnn", "lenet5");
    }
}
