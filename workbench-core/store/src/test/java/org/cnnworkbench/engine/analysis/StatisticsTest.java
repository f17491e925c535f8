package org.cnnworkbench.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StatisticsTest {
    @Test
    void studentTTailsMatchKnownValues() {
        assertThat(Welch.twoSidedP(2.0, 10)).isCloseTo(0.0733880348, within(1e-7)); // scipy: 2 * t.sf(2, 10)
        assertThat(Welch.twoSidedP(1.0, 1)).isCloseTo(0.5, within(1e-9));
        assertThat(Welch.twoSidedP(1.959964, 1e6)).isCloseTo(0.05, within(1e-4));
        assertThat(Welch.twoSidedP(0, 5)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void welchMatchesScipyAndSaysWhetherTheDifferenceBeatsTheSeedNoise() {
        // scipy.stats.ttest_ind([.81, .83, .82], [.78, .80, .79], equal_var=False): t 3.6742, p 0.021312, df 4
        Welch w = Welch.test(new double[] {0.81, 0.83, 0.82}, new double[] {0.78, 0.80, 0.79}, 7);
        assertThat(w.t()).isCloseTo(3.6742346, within(1e-6));
        assertThat(w.df()).isCloseTo(4.0, within(1e-9));
        assertThat(w.p()).isCloseTo(0.0213116, within(1e-6));
        assertThat(w.difference()).isCloseTo(0.03, within(1e-12));
        assertThat(w.low()).isPositive();
        assertThat(w.verdict()).contains("larger than the seed noise");
        assertThat(Welch.test(new double[] {0.81, 0.83, 0.82}, new double[] {0.78, 0.80, 0.79}, 7)).isEqualTo(w);

        Welch noise = Welch.test(new double[] {0.80, 0.84, 0.78}, new double[] {0.81, 0.79, 0.83}, 7);
        assertThat(noise.verdict()).contains("within the seed noise");
        assertThat(Welch.test(new double[] {0.8}, new double[] {0.7, 0.75}, 1).verdict()).contains("not enough repeats");
        assertThat(Welch.test(new double[] {0.8, 0.8}, new double[] {0.7, 0.7}, 1).p()).isZero();
    }

    @Test
    void runsDifferingOnlyInSeedAreGroupedWithBands() {
        List<RepeatGroups.Run> runs = List.of(
                new RepeatGroups.Run("r1", Map.of("training.seed", 1, "training.learning_rate", 0.01, "architecture.type", "cnn")),
                new RepeatGroups.Run("r2", Map.of("training.seed", 2, "training.learning_rate", 0.01, "architecture.type", "cnn")),
                new RepeatGroups.Run("r3", Map.of("training.seed", 1, "training.learning_rate", 0.1, "architecture.type", "cnn")));
        List<RepeatGroups.Group> groups = RepeatGroups.of(runs);
        assertThat(groups).extracting(RepeatGroups.Group::runs).containsExactly(List.of("r1", "r2"), List.of("r3"));
        assertThat(groups.get(0).label()).isEqualTo("learning_rate=0.01");
        List<RepeatGroups.Band> bands = RepeatGroups.bands(List.of(Map.of(1, 1.0, 2, 0.5), Map.of(1, 3.0, 2, Double.NaN)));
        assertThat(bands.get(0).mean()).isEqualTo(2.0);
        assertThat(bands.get(0).std()).isCloseTo(Math.sqrt(2), within(1e-12));
        assertThat(bands.get(1).n()).isEqualTo(1);
        assertThat(bands.get(1).std()).isZero();
    }

    @Test
    void theParameterThatDrivesTheObjectiveGetsTheImportance() {
        Random random = new Random(3);
        List<ParameterImportance.Trial> trials = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            double x = random.nextDouble();
            double y = random.nextDouble();
            String opt = random.nextBoolean() ? "adam" : "sgd";
            Map<String, Object> p = new HashMap<>(Map.of("x", x, "y", y, "optimizer", opt));
            trials.add(new ParameterImportance.Trial(p, 10 * x + 0.1 * random.nextGaussian()));
        }
        ParameterImportance.Result r = ParameterImportance.of(trials);
        assertThat(r.importances().get(0).parameter()).isEqualTo("x");
        assertThat(r.importances().get(0).importance()).isGreaterThan(0.8);
        assertThat(r.importances().stream().mapToDouble(ParameterImportance.Entry::importance).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(r.trials()).isEqualTo(60);

        List<ParameterImportance.Trial> categorical = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String arch = i % 3 == 0 ? "lenet" : i % 3 == 1 ? "mlp" : "cnn";
            categorical.add(new ParameterImportance.Trial(Map.of("arch", arch, "lr", 0.001 * (1 + random.nextInt(100))),
                    arch.equals("cnn") ? 0.9 : arch.equals("lenet") ? 0.85 : 0.7));
        }
        assertThat(ParameterImportance.of(categorical).importances().get(0).parameter()).isEqualTo("arch");
        assertThat(ParameterImportance.of(trials.subList(0, 3)).reason()).contains("at least 5");
    }
}
