package org.cnnworkbench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SweepSpecParseTest {

    static final String FULL = """
            {"strategy": "tpe", "trials": 20, "max_minutes": 30, "parallelism": 2, "seed": 7, "repeats": 1, "max_attempts": 2,
             "objective": {"metric": "val_accuracy", "direction": "maximize", "over": "best"},
             "pruner": {"type": "median", "warmup_epochs": 1},
             "parameters": {
               "training.learning_rate": {"log_uniform": [1.0e-4, 1.0e-2]},
               "training.batch_size": {"choice": [32, 64, 128]},
               "architecture.params.dropout": {"uniform": [0.0, 0.5]},
               "architecture.params.filters": {"int": [16, 64], "step": 16},
               "architecture.type": {"choice": ["small-cnn", "lenet5"]},
               "training.optimizer": "adam",
               "training.nesterov": {"fixed": true},
               "architecture.params.dense_units": {"int": [32, 256], "log": true, "when": {"architecture.type": "small-cnn"}}
             }}""";

    @Test
    void parsesEveryPartOfTheDocumentedExample() {
        SweepSpec spec = SweepJson.valid(FULL);

        assertThat(spec.strategy()).isEqualTo(Strategy.TPE);
        assertThat(spec.trials()).isEqualTo(20);
        assertThat(spec.maxMinutes()).isEqualTo(30);
        assertThat(spec.parallelism()).isEqualTo(2);
        assertThat(spec.seed()).isEqualTo(7L);
        assertThat(spec.objective()).isEqualTo(new Objective("val_accuracy", Objective.Direction.MAXIMIZE, Objective.Over.BEST));
        assertThat(spec.pruners()).containsExactly(new PrunerSpec("median", Map.of("warmup_epochs", 1)));
        Map<String, SearchSpace.Parameter> p = spec.space().parameters();
        assertThat(p.keySet()).containsExactly("training.learning_rate", "training.batch_size", "architecture.params.dropout",
                "architecture.params.filters", "architecture.type", "training.optimizer", "training.nesterov",
                "architecture.params.dense_units");
        assertThat(p.get("training.learning_rate").distribution()).isEqualTo(new Distribution.LogUniform(1e-4, 1e-2));
        assertThat(p.get("training.batch_size").distribution()).isEqualTo(new Distribution.Choice(List.of(32, 64, 128)));
        assertThat(p.get("architecture.params.filters").distribution()).isEqualTo(new Distribution.IntRange(16, 64, 16, false));
        assertThat(p.get("training.optimizer").distribution()).isEqualTo(new Distribution.Fixed("adam"));
        assertThat(p.get("training.nesterov").distribution()).isEqualTo(new Distribution.Fixed(true));
        assertThat(p.get("architecture.params.dense_units").distribution()).isEqualTo(new Distribution.IntRange(32, 256, 1, true));
        assertThat(p.get("architecture.params.dense_units").when()).isEqualTo(Map.of("architecture.type", List.of("small-cnn")));
        assertThat(spec.configurationBudget()).isEqualTo(20);
    }

    @Test
    void storedJsonParsesBackToAnEqualSpec() {
        SweepSpec spec = SweepJson.valid(FULL);
        SweepSpec again = SweepJson.valid(spec.toJson().toString());
        assertThat(again).isEqualTo(spec);

        SweepSpec withOptions = SweepJson.valid("""
                {"strategy": "tpe", "trials": 5, "strategy_options": {"n_startup": 3, "gamma": 0.25, "multivariate": false},
                 "pruner": [{"type": "asha"}, {"type": "overfitting", "min_delta": 0.01}],
                 "parameters": {"a": {"uniform": [0, 1]}, "b": {"choice": [1, 2]}, "c": {"int": [1, 3], "when": {"b": [1, 2]}}}}""");
        assertThat(SweepJson.valid(withOptions.toJson().toString())).isEqualTo(withOptions);
        assertThat(withOptions.tpeOptions()).isEqualTo(new TpeOptions(3, null, 0.25, false, null, null));
    }

    @Test
    void distributionJsonIsWhatTheUserWrote() {
        SweepSpec spec = SweepJson.valid(FULL);
        assertThat(spec.space().parameters().get("architecture.params.filters").distribution().toJson())
                .hasToString("{\"int\":[16,64],\"step\":16}");
        assertThat(spec.space().parameters().get("training.learning_rate").distribution().toJson())
                .hasToString("{\"log_uniform\":[1.0E-4,0.01]}");
    }

    @Test
    void leftOutSettingsTakeTheirDefaults() {
        SweepSpec spec = SweepJson.valid("""
                {"strategy": "random", "max_minutes": 10, "parameters": {"training.epochs": {"int": [1, 3]}}}""");
        assertThat(spec.seed()).isZero();
        assertThat(spec.repeats()).isEqualTo(1);
        assertThat(spec.maxAttempts()).isEqualTo(2);
        assertThat(spec.pruners()).isEmpty();
        assertThat(spec.objective()).isEqualTo(new Objective("val_accuracy", Objective.Direction.MAXIMIZE, Objective.Over.BEST));
        assertThat(spec.configurationBudget()).isEqualTo(Integer.MAX_VALUE);

        SweepSpec loss = SweepJson.valid("""
                {"strategy": "random", "trials": 3, "objective": {"metric": "val_loss", "over": "last"},
                 "parameters": {"a": {"choice": [1]}}}""");
        assertThat(loss.objective()).isEqualTo(new Objective("val_loss", Objective.Direction.MINIMIZE, Objective.Over.LAST));
    }

    @Test
    void gridBudgetIsTheSmallerOfTrialsAndGridSize() {
        String space = "\"parameters\": {\"a\": {\"choice\": [1, 2, 3]}, \"b\": {\"uniform\": [0, 1]}}";
        assertThat(SweepJson.valid("{\"strategy\": \"grid\", \"grid_points\": 4, " + space + "}").configurationBudget()).isEqualTo(12);
        assertThat(SweepJson.valid("{\"strategy\": \"grid\", \"grid_points\": 4, \"trials\": 5, " + space + "}")
                .configurationBudget()).isEqualTo(5);
    }

    @Test
    void misspelledKeyIsNamedWithASuggestionAndTheAllowedKeys() {
        SweepJson s = new SweepJson();
        assertThat(s.parse("{\"strategy\": \"random\", \"trails\": 5, \"trials\": 5, \"parameters\": {\"a\": {\"choice\": [1]}}}")).isNull();
        assertThat(s.problems).containsExactly("/sweep/trails: unknown key 'trails' in sweep. Did you mean 'trials'? Allowed: "
                + "strategy, trials, max_minutes, parallelism, seed, repeats, max_attempts, grid_points, objective, objectives, pruner, "
                + "parameters, strategy_options, warm_start, enqueue");
    }

    private static List<String> problemsOf(String parameters) {
        SweepJson s = new SweepJson();
        assertThat(s.parse("{\"strategy\": \"random\", \"trials\": 5, \"parameters\": " + parameters + "}")).isNull();
        return s.problems;
    }

    @Test
    void eachBadDistributionHasItsMessage() {
        assertThat(problemsOf("{\"training.learning_rate\": {\"log_uniform\": [0.0, 0.01]}}")).containsExactly(
                "/sweep/parameters/training.learning_rate/log_uniform: training.learning_rate: log_uniform needs 0 < low <= high, found [0.0, 0.01]");
        assertThat(problemsOf("{\"architecture.params.filters\": {\"choice\": []}}")).containsExactly(
                "/sweep/parameters/architecture.params.filters/choice: architecture.params.filters: choice needs at least one value, found []");
        assertThat(problemsOf("{\"d\": {\"uniform\": [0.5, 0.1]}}")).containsExactly(
                "/sweep/parameters/d/uniform: d: uniform needs low <= high, found [0.5, 0.1]");
        assertThat(problemsOf("{\"d\": {\"uniform\": 0.5}}")).containsExactly(
                "/sweep/parameters/d/uniform: d: uniform needs a list [low, high] of two numbers, found 0.5");
        assertThat(problemsOf("{\"f\": {\"int\": [16, 64], \"step\": 0}}")).containsExactly(
                "/sweep/parameters/f/step: f: int step must be a whole number >= 1, found 0");
        assertThat(problemsOf("{\"f\": {\"int\": [16, 64], \"step\": 10}}")).containsExactly(
                "/sweep/parameters/f/step: f: int step 10 does not divide the range [16, 64] (64 - 16 = 48); "
                        + "use a step that divides 48 or set high to 56");
        assertThat(problemsOf("{\"f\": {\"int\": [64, 16]}}")).containsExactly(
                "/sweep/parameters/f/int: f: int needs low <= high, found [64, 16]");
        assertThat(problemsOf("{\"f\": {\"int\": [0, 16], \"log\": true}}")).containsExactly(
                "/sweep/parameters/f/int: f: int with log: true needs low >= 1, found [0, 16]");
        assertThat(problemsOf("{\"f\": {\"int\": [1.5, 16]}}")).containsExactly(
                "/sweep/parameters/f/int: f: int needs a list [low, high] of two whole numbers, found [1.5, 16]");
        assertThat(problemsOf("{\"f\": {\"uniform\": [0, 1], \"step\": 2}}")).containsExactly(
                "/sweep/parameters/f/step: f: step applies only to int, found it with uniform");
        assertThat(problemsOf("{\"f\": {\"uniform\": [0, 1], \"choice\": [1]}}")).containsExactly(
                "/sweep/parameters/f: f: give one distribution, found choice and uniform");
        assertThat(problemsOf("{\"f\": {\"choise\": [1]}}")).containsExactly(
                "/sweep/parameters/f/choise: f: unknown key 'choise'. Did you mean 'choice'? Allowed: choice, uniform, log_uniform, "
                        + "int, fixed, step, log, when",
                "/sweep/parameters/f: f: needs one of choice, uniform, log_uniform, int, fixed, found {choise: [1]}");
        assertThat(problemsOf("{\"f\": [1, 2]}")).singleElement().asString()
                .contains("found [1, 2] (to choose among values write {choice: [...]})");
        assertThat(problemsOf("{\"f\": {\"choice\": [1, 1]}}")).containsExactly(
                "/sweep/parameters/f/choice: f: choice lists 1 twice in [1, 1]");
    }

    @Test
    void keysAreEscapedInPointers() {
        assertThat(problemsOf("{\"a/b~c\": {\"choice\": []}}")).containsExactly(
                "/sweep/parameters/a~1b~0c: a/b~c: not a dotted path into the experiment (words separated by single dots, "
                        + "e.g. training.learning_rate)",
                "/sweep/parameters/a~1b~0c/choice: a/b~c: choice needs at least one value, found []");
    }

    @Test
    void conditionsMustNameAParameterAndOneOfItsValues() {
        String base = "\"architecture.type\": {\"choice\": [\"small-cnn\", \"lenet5\"]}, \"lr\": {\"uniform\": [0, 1]}, ";
        assertThat(problemsOf("{" + base + "\"units\": {\"int\": [1, 4], \"when\": {\"architecture.typ\": \"small-cnn\"}}}"))
                .containsExactly("/sweep/parameters/units/when/architecture.typ: units: when names 'architecture.typ', which is not "
                        + "a parameter of this sweep. Did you mean 'architecture.type'? Parameters: architecture.type, lr, units");
        assertThat(problemsOf("{" + base + "\"units\": {\"int\": [1, 4], \"when\": {\"architecture.type\": \"resnet\"}}}"))
                .containsExactly("/sweep/parameters/units/when/architecture.type: units: when tests architecture.type for 'resnet', "
                        + "which it never takes; its values: {choice: ['small-cnn', 'lenet5']}");
        assertThat(problemsOf("{" + base + "\"units\": {\"int\": [1, 4], \"when\": {\"lr\": 0.5}}}"))
                .containsExactly("/sweep/parameters/units/when/lr: units: when can only test a choice, int or fixed parameter; lr is uniform");
        assertThat(problemsOf("{\"a\": {\"choice\": [1, 2], \"when\": {\"b\": 1}}, \"b\": {\"choice\": [1, 2], \"when\": {\"a\": 1}}}"))
                .singleElement().asString().contains("form a cycle");
    }

    @Test
    void sweepLevelMistakesNameTheValueAndWhatIsAllowed() {
        SweepJson s = new SweepJson();
        assertThat(s.parse("""
                {"strategy": "tpee", "trials": "twenty", "objective": {"metric": "val_loss", "direction": "maximise", "over": "first"},
                 "pruner": {"type": "medain"}, "parameters": {"a": {"choice": [1]}}}""")).isNull();
        assertThat(s.problems).containsExactly(
                "/sweep/strategy: unknown strategy 'tpee'. Did you mean 'tpe'? Allowed: grid, random, tpe, halton, hyperband",
                "/sweep/trials: trials in sweep must be a whole number >= 1, found 'twenty'",
                "/sweep/objective/direction: unknown objective direction 'maximise'. Did you mean 'maximize'? Allowed: maximize, minimize",
                "/sweep/objective/over: unknown objective over 'first'. Allowed: best, last",
                "/sweep/pruner/type: unknown pruner type 'medain'. Did you mean 'median'? Allowed: median, asha, overfitting");
    }

    @Test
    void budgetAndGridPointsAreRequiredWhereNeeded() {
        SweepJson s = new SweepJson();
        assertThat(s.parse("{\"strategy\": \"tpe\", \"parameters\": {\"a\": {\"uniform\": [0, 1]}}}")).isNull();
        assertThat(s.problems).containsExactly(
                "/sweep: sweep with strategy tpe needs a budget: trials (how many configurations) and/or max_minutes");

        SweepJson g = new SweepJson();
        assertThat(g.parse("{\"strategy\": \"grid\", \"parameters\": {\"training.learning_rate\": {\"log_uniform\": [1e-4, 1e-2]}}}")).isNull();
        assertThat(g.problems).containsExactly("/sweep/parameters/training.learning_rate: training.learning_rate: grid search over "
                + "log_uniform needs grid_points in sweep (how many values to try), e.g. grid_points: 5");

        SweepJson big = new SweepJson();
        assertThat(big.parse("{\"strategy\": \"grid\", \"grid_points\": 1000, \"parameters\": {\"a\": {\"uniform\": [0, 1]}, "
                + "\"b\": {\"uniform\": [0, 1]}, \"c\": {\"choice\": [1, 2]}}}")).isNull();
        assertThat(big.messages).containsExactly("grid has more than 1,000,000 configurations; use fewer values or grid_points, "
                + "or strategy random or tpe");
    }

    @Test
    void pruneAndStrategyOptionsAreChecked() {
        SweepJson s = new SweepJson();
        assertThat(s.parse("""
                {"strategy": "random", "trials": 3, "strategy_options": {"gamma": 0.2},
                 "pruner": [{"type": "asha", "reduction_factor": 1, "min_epoch": 2}, {"warmup_epochs": 1}],
                 "parameters": {"a": {"choice": [1]}}}""")).isNull();
        assertThat(s.problems).containsExactly(
                "/sweep/pruner/0/min_epoch: unknown key 'min_epoch' in asha pruner. Did you mean 'min_epochs'? Allowed: type, "
                        + "min_epochs, reduction_factor",
                "/sweep/pruner/0/reduction_factor: reduction_factor in asha pruner must be a whole number >= 2, found 1",
                "/sweep/pruner/1: pruner needs type: one of median, asha, overfitting",
                "/sweep/strategy_options: strategy_options applies to strategies tpe and hyperband only, found it with strategy random");

        SweepJson t = new SweepJson();
        assertThat(t.parse("{\"strategy\": \"tpe\", \"trials\": 3, \"strategy_options\": {\"gamma\": 1.5, \"multivariate\": 1},"
                + " \"parameters\": {\"a\": {\"choice\": [1]}}}")).isNull();
        assertThat(t.messages).containsExactly("gamma in strategy_options must be a number > 0 and <= 1, found 1.5",
                "multivariate in strategy_options must be true or false, found 1");
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnce() {
        SweepJson s = new SweepJson();
        assertThat(s.parse("""
                {"strategy": "random", "trials": 0, "seed": "x", "repeats": 0,
                 "parameters": {"a": {"choice": []}, "b": {"uniform": [2, 1]}, "c": {"log_uniform": [-1, 1]}}}""")).isNull();
        assertThat(s.problems).hasSize(6).extracting(p -> p.substring(0, p.indexOf(':'))).containsExactlyInAnyOrder(
                "/sweep/trials", "/sweep/seed", "/sweep/repeats", "/sweep/parameters/a/choice", "/sweep/parameters/b/uniform",
                "/sweep/parameters/c/log_uniform");
    }

    @Test
    void aSectionThatIsNotAMappingIsRefused() {
        SweepJson s = new SweepJson();
        assertThat(s.parse("\"tpe\"")).isNull();
        assertThat(s.problems).containsExactly(
                "/sweep: sweep must be a mapping with strategy, parameters and a budget (trials or max_minutes), found 'tpe'");
    }

    @Test
    void withoutAStrategyTheSweepIsModelBased() {
        SweepSpec spec = SweepJson.valid("{\"trials\": 4, \"parameters\": {\"training.learning_rate\": {\"log_uniform\": [1e-4, 1e-2]}}}");
        assertThat(spec.strategy()).isEqualTo(Strategy.TPE);
        assertThat(spec.configurationBudget()).isEqualTo(4);
    }
}
