package org.cnnworkbench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EnqueueTest {

    static final String SWEEP = """
            {"strategy": "%s", "trials": 6, "seed": 2, "warm_start": ["s3", "s7", "s3"],
             "enqueue": [{"training.learning_rate": 0.001, "architecture.params.filters": 32, "architecture.type": "lenet5"},
                         {"training.learning_rate": 0.002}],
             "parameters": {
              "training.learning_rate": {"log_uniform": [1.0e-4, 1.0e-2]},
              "architecture.params.filters": {"int": [16, 64], "step": 16},
              "architecture.type": {"choice": ["small-cnn", "lenet5"]},
              "units": {"int": [32, 256], "log": true, "when": {"architecture.type": "small-cnn"}}}}""";

    @Test
    void enqueuedConfigurationsComeFirstThenTheStrategyFromItsOwnStart() {
        for (String strategy : List.of("random", "tpe", "halton")) {
            SweepSpec spec = SweepJson.valid(SWEEP.formatted(strategy));
            assertThat(spec.warmStart()).containsExactly("s3", "s7");
            assertThat(spec.enqueue()).hasSize(2);
            assertThat(SweepJson.valid(spec.toJson().toString())).isEqualTo(spec);
            Sampler sampler = Samplers.create(spec);
            assertThat(sampler.sample(0, List.of())).isEqualTo(Map.of("training.learning_rate", 1e-3,
                    "architecture.params.filters", 32L, "architecture.type", "lenet5"));
            Map<String, Object> second = sampler.sample(1, List.of());
            assertThat(second.get("training.learning_rate")).isEqualTo(2e-3);
            assertThat(spec.space().misfit(second, false)).as(strategy).isEmpty();
            // Configuration 2 is the strategy's first.
            SweepSpec plain = SweepJson.valid(SWEEP.formatted(strategy).replaceAll("(?s)\"enqueue\": \\[.*?\\}\\],", ""));
            assertThat(plain.enqueue()).isEmpty();
            assertThat(sampler.sample(2, List.of())).isEqualTo(Samplers.create(plain).sample(0, List.of()));
        }
    }

    @Test
    void enqueueOnAGridAddsToItsSize() {
        SweepSpec grid = SweepJson.valid("""
                {"strategy": "grid", "enqueue": [{"a": 2}], "parameters": {"a": {"choice": [1, 2, 3]}}}""");
        assertThat(grid.configurationBudget()).isEqualTo(4);
        assertThat(Samplers.create(grid).size()).hasValue(4);
        assertThat(Samplers.create(grid).sample(0, List.of())).isEqualTo(Map.of("a", 2));
    }

    @Test
    void misfitsAreNamedAndWarmStartIdsChecked() {
        SweepJson bad = new SweepJson();
        assertThat(bad.parse("""
                {"strategy": "random", "trials": 3, "warm_start": ["r3", 7],
                 "enqueue": [{"lr": 0.1}, {"b": 7}, {"b": 2, "c": 1}, "x"],
                 "parameters": {"b": {"int": [1, 4]}, "c": {"uniform": [0, 1], "when": {"b": 1}}}}""")).isNull();
        assertThat(bad.problems).containsExactly(
                "/sweep/warm_start/0: warm_start in sweep lists ids of earlier sweeps such as s3, found 'r3'",
                "/sweep/warm_start/1: warm_start in sweep lists ids of earlier sweeps such as s3, found 7",
                "/sweep/enqueue/0: enqueued configuration 1 does not fit the search space: lr is not a parameter of this sweep "
                        + "(its parameters: b, c)",
                "/sweep/enqueue/1: enqueued configuration 2 does not fit the search space: b = 7 is not a value of {int: [1, 4]}",
                "/sweep/enqueue/2: enqueued configuration 3 does not fit the search space: c is given although its condition "
                        + "(when) does not hold",
                "/sweep/enqueue/3: an entry of enqueue must be a mapping from parameter to value such as "
                        + "{training.learning_rate: 0.001}, found 'x'");
        SearchSpace space = SweepJson.valid(SWEEP.formatted("random")).space();
        assertThat(space.misfit(Map.of("training.learning_rate", 0.5, "architecture.params.filters", 16, "architecture.type", "lenet5"),
                false)).hasValue("training.learning_rate = 0.5 is not a value of {log_uniform: [1.0E-4, 0.01]}");
        assertThat(space.misfit(Map.of("training.learning_rate", 0.005, "architecture.params.filters", 16,
                "architecture.type", "small-cnn"), false)).hasValue("units has no value");
    }
}
