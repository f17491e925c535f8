package org.cnnworkbench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class HyperbandTest {

    static final String SWEEP = """
            {"strategy": "hyperband", "trials": 49, "seed": 3,
             "strategy_options": {"min_epochs": 1, "max_epochs": 27, "eta": 3},
             "parameters": {"training.learning_rate": {"log_uniform": [1.0e-4, 1.0e-1]}}}""";

    @Test
    void bracketsFollowHyperbandsTableForMaxTwentySevenAndEtaThree() {
        HyperbandOptions options = SweepJson.valid(SWEEP).hyperband();
        assertThat(options).isEqualTo(new HyperbandOptions(1, 27, 3));
        assertThat(options.lastBracket()).isEqualTo(3);
        List<HyperbandOptions.Bracket> brackets = options.brackets();
        // Li et al.: n = ceil((s_max + 1) / (s + 1) * eta^s) configurations starting at r = R * eta^-s.
        assertThat(brackets).containsExactly(
                new HyperbandOptions.Bracket(0, List.of(1, 3, 9), 27, 27 * 1 + 9 * 3 + 3 * 9 + 1 * 27),
                new HyperbandOptions.Bracket(1, List.of(3, 9), 12, 12 * 3 + 4 * 9 + 1 * 27),
                new HyperbandOptions.Bracket(2, List.of(9), 6, 6 * 9 + 2 * 27),
                new HyperbandOptions.Bracket(3, List.of(), 4, 4 * 27));
        assertThat(brackets.stream().mapToLong(HyperbandOptions.Bracket::budget).toArray()).containsExactly(108, 99, 108, 108);
    }

    @Test
    void bracketsOfUnevenRangesStopBelowMaxEpochs() {
        HyperbandOptions options = new HyperbandOptions(2, 20, 2);
        // s_max = 3 (2, 4, 8, 16 <= 20); rungs stay below 20 and the last bracket has none.
        assertThat(options.brackets().stream().map(HyperbandOptions.Bracket::rungs).toList())
                .containsExactly(List.of(2, 4, 8, 16), List.of(4, 8, 16), List.of(8, 16), List.of(16));
        assertThat(new HyperbandOptions(5, 5, 3).brackets()).containsExactly(new HyperbandOptions.Bracket(0, List.of(), 1, 5));
    }

    @Test
    void configurationsSpreadOverTheBracketsInProportionAndEveryBracketEarly() {
        HyperbandOptions options = new HyperbandOptions(1, 27, 3);
        Map<Integer, Integer> perRound = new HashMap<>();
        for (int n = 0; n < 49; n++) {
            perRound.merge(options.bracketOf(n), 1, Integer::sum);
        }
        assertThat(perRound).containsExactlyInAnyOrderEntriesOf(Map.of(0, 27, 1, 12, 2, 6, 3, 4));
        Set<Integer> early = new HashSet<>();
        for (int n = 0; n < 6; n++) {
            early.add(options.bracketOf(n));
        }
        assertThat(early).containsExactlyInAnyOrder(0, 1, 2, 3);
        for (int n = 0; n < 49; n++) {
            assertThat(options.bracketOf(n + 49)).isEqualTo(options.bracketOf(n));
        }
    }

    /**
     * A whole sweep of 49 configurations, one after the other, with curves whose final value grows with
     * the configuration's quality: every trial stops only at a rung of its own bracket or at max_epochs,
     * the last bracket never stops one, and the sweep spends far fewer epochs than 49 full trials.
     */
    @Test
    void aSequentialSweepStopsTrialsOnlyAtTheirBracketsRungs() {
        SweepSpec spec = SweepJson.valid(SWEEP);
        Pruner pruner = Pruners.forSweep(spec);
        Sampler sampler = Samplers.create(spec);
        HyperbandOptions options = spec.hyperband();
        List<TrialCurve> done = new ArrayList<>();
        Map<Integer, Integer> stoppedAt = new LinkedHashMap<>();
        long epochs = 0;
        int pruned = 0;
        for (int n = 0; n < 49; n++) {
            double lr = (Double) sampler.sample(n, List.of()).get("training.learning_rate");
            double quality = 1.0 / (1.0 + Math.pow(Math.log10(lr) + 2.5, 2));
            List<Map<String, Double>> curve = new ArrayList<>();
            int stop = options.maxEpochs();
            for (int e = 1; e <= options.maxEpochs(); e++) {
                curve.add(Map.of("val_accuracy", 0.1 + 0.8 * quality * (1 - Math.exp(-e / 4.0))));
                epochs++;
                Optional<String> reason = e < options.maxEpochs() ? pruner.shouldPrune(new TrialCurve(n, false, curve), done)
                        : Optional.empty();
                if (reason.isPresent()) {
                    assertThat(reason.get()).startsWith("hyperband pruner (bracket " + options.bracketOf(n) + "): val_accuracy");
                    stop = e;
                    pruned++;
                    break;
                }
            }
            stoppedAt.put(n, stop);
            done.add(new TrialCurve(n, true, curve));
        }
        for (Map.Entry<Integer, Integer> e : stoppedAt.entrySet()) {
            HyperbandOptions.Bracket bracket = options.brackets().get(options.bracketOf(e.getKey()));
            if (e.getValue() < options.maxEpochs()) {
                assertThat(bracket.rungs()).as("trial %d of bracket %d", e.getKey(), bracket.index()).contains(e.getValue());
            }
            if (bracket.index() == options.lastBracket()) {
                assertThat(e.getValue()).isEqualTo(options.maxEpochs());
            }
        }
        assertThat(pruned).isGreaterThan(15);
        assertThat(epochs).isLessThan(49L * 27 / 2);
    }

    @Test
    void hyperbandIsJudgedOnlyAgainstItsOwnBracket() {
        HyperbandOptions options = new HyperbandOptions(1, 27, 3);
        Pruner pruner = new HyperbandPruner(PrunerTest.ACCURACY, options, 1);
        List<Integer> bracket0 = new ArrayList<>();
        List<Integer> bracket3 = new ArrayList<>();
        for (int n = 0; n < 49; n++) {
            (options.bracketOf(n) == 0 ? bracket0 : options.bracketOf(n) == 3 ? bracket3 : new ArrayList<Integer>()).add(n);
        }
        int me = bracket0.get(0);
        // Better trials of another bracket do not count: too little company in its own bracket.
        List<TrialCurve> others = bracket3.stream().map(n -> PrunerTest.curve(n, "val_accuracy", 0.9)).toList();
        assertThat(pruner.shouldPrune(PrunerTest.curve(me, "val_accuracy", 0.1), others)).isEmpty();
        List<TrialCurve> sameBracket = bracket0.subList(1, 4).stream().map(n -> PrunerTest.curve(n, "val_accuracy", 0.9)).toList();
        assertThat(pruner.shouldPrune(PrunerTest.curve(me, "val_accuracy", 0.1), sameBracket)).hasValue(
                "hyperband pruner (bracket 0): val_accuracy 0.1 at rung epoch 1 ranks 4 of 4 trials that reached it; only the top 2 go on");
        // A trial of the last bracket is never stopped.
        assertThat(pruner.shouldPrune(PrunerTest.curve(bracket3.get(0), "val_accuracy", 0.1), others)).isEmpty();
        // With two repeats, trials 2n and 2n + 1 are configuration n and share its bracket.
        HyperbandPruner repeated = new HyperbandPruner(PrunerTest.ACCURACY, options, 2);
        for (int trial = 0; trial < 98; trial++) {
            assertThat(repeated.bracketOf(trial)).isEqualTo(options.bracketOf(trial / 2));
        }
    }

    @Test
    void hyperbandOptionsAreCheckedAndStoredJsonParsesBack() {
        SweepSpec spec = SweepJson.valid(SWEEP);
        assertThat(SweepJson.valid(spec.toJson().toString())).isEqualTo(spec);
        assertThat(SweepJson.valid(spec.toJson().toString()).strategy()).isEqualTo(Strategy.HYPERBAND);

        SweepJson missing = new SweepJson();
        assertThat(missing.parse("""
                {"strategy": "hyperband", "trials": 5, "strategy_options": {"min_epochs": 2},
                 "parameters": {"a": {"uniform": [0, 1]}}}""")).isNull();
        assertThat(missing.problems).containsExactly("/sweep/strategy_options/max_epochs: strategy hyperband needs max_epochs in "
                + "strategy_options: the epochs a trial trains when it is not stopped, e.g. max_epochs: 27");

        SweepJson wrong = new SweepJson();
        assertThat(wrong.parse("""
                {"strategy": "hyperband", "trials": 5, "strategy_options": {"min_epochs": 9, "max_epochs": 3, "eta": 1, "gamma": 0.2},
                 "parameters": {"a": {"uniform": [0, 1]}}}""")).isNull();
        assertThat(wrong.problems).containsExactly(
                "/sweep/strategy_options/gamma: unknown key 'gamma' in strategy_options of hyperband. Allowed: min_epochs, max_epochs, eta",
                "/sweep/strategy_options/eta: eta in strategy_options must be a whole number >= 2, found 1");

        SweepJson none = new SweepJson();
        assertThat(none.parse("{\"strategy\": \"hyperband\", \"trials\": 5, \"parameters\": {\"a\": {\"uniform\": [0, 1]}}}")).isNull();
        assertThat(none.messages).containsExactly("strategy hyperband needs strategy_options with max_epochs (epochs a trial "
                + "trains at most), e.g. {min_epochs: 1, max_epochs: 27, eta: 3}, found nothing");
        SweepJson noBudget = new SweepJson();
        assertThat(noBudget.parse("""
                {"strategy": "hyperband", "strategy_options": {"max_epochs": 9}, "parameters": {"a": {"uniform": [0, 1]}}}""")).isNull();
        assertThat(noBudget.messages).containsExactly(
                "sweep with strategy hyperband needs a budget: trials (how many configurations) and/or max_minutes");
    }
}
