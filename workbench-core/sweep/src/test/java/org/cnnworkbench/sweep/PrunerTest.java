package org.cnnworkbench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PrunerTest {

    static final Objective ACCURACY = new Objective("val_accuracy", Objective.Direction.MAXIMIZE, Objective.Over.BEST);
    static final Objective LOSS = new Objective("val_loss", Objective.Direction.MINIMIZE, Objective.Over.BEST);

    static TrialCurve curve(int number, String metric, double... values) {
        return new TrialCurve(number, false, ObjectiveTest.epochs(metric, values));
    }

    static Pruner pruner(Objective objective, String type, Map<String, Object> options) {
        return Pruners.create(List.of(new PrunerSpec(type, options)), objective);
    }

    @Test
    void noPrunersNeverPrune() {
        Pruner none = Pruners.create(List.of(), ACCURACY);
        assertThat(none.shouldPrune(curve(0, "val_accuracy", 0.0), List.of(curve(1, "val_accuracy", 1.0)))).isEmpty();
    }

    @Test
    void medianPrunesATrialBelowTheMedianOfTheOthers() {
        Pruner median = pruner(ACCURACY, "median", Map.of("warmup_epochs", 1));
        List<TrialCurve> others = List.of(curve(1, "val_accuracy", 0.5, 0.7, 0.74), curve(2, "val_accuracy", 0.6, 0.8, 0.7),
                curve(3, "val_accuracy", 0.5, 0.6, 0.9), curve(4, "val_accuracy", 0.4, 0.5, 0.6), curve(5, "val_accuracy", 0.7, 0.8, 0.8));
        assertThat(median.shouldPrune(curve(0, "val_accuracy", 0.3, 0.5, 0.61), others)).hasValue(
                "median pruner: val_accuracy 0.61 at epoch 3 is below the median 0.8 of 5 other trials at that epoch");
        assertThat(median.shouldPrune(curve(0, "val_accuracy", 0.3, 0.5, 0.85), others)).isEmpty();
    }

    @Test
    void medianUsesBestSoFarAndRespectsWarmupAndMinTrials() {
        Pruner median = pruner(LOSS, "median", Map.of("warmup_epochs", 1, "min_trials", 3));
        List<TrialCurve> others = List.of(curve(1, "val_loss", 1.0, 0.5), curve(2, "val_loss", 1.0, 0.6), curve(3, "val_loss", 1.0, 0.7));
        // Epoch 1 is warm-up: even a bad value is kept.
        assertThat(median.shouldPrune(curve(0, "val_loss", 5.0), others)).isEmpty();
        // Its best so far (0.55 at epoch 1) beats the median 0.6, although epoch 2 alone (0.9) does not.
        assertThat(median.shouldPrune(curve(0, "val_loss", 0.55, 0.9), others)).isEmpty();
        assertThat(median.shouldPrune(curve(0, "val_loss", 0.95, 0.9), others)).hasValue(
                "median pruner: val_loss 0.9 at epoch 2 is above the median 0.6 of 3 other trials at that epoch");
        // Only two others reached epoch 2: not enough company.
        assertThat(median.shouldPrune(curve(0, "val_loss", 0.95, 0.9), others.subList(0, 2))).isEmpty();
    }

    @Test
    void ashaKeepsOnlyTheTopThirdAtARung() {
        Pruner asha = pruner(ACCURACY, "asha", Map.of("min_epochs", 1, "reduction_factor", 3));
        List<TrialCurve> others = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            others.add(curve(i, "val_accuracy", 0.1 * i));
        }
        // Six trials reached epoch 1: the top ceil(6 / 3) = 2 go on (0.5 and 0.45 here).
        assertThat(asha.shouldPrune(curve(0, "val_accuracy", 0.45), others)).isEmpty();
        assertThat(asha.shouldPrune(curve(0, "val_accuracy", 0.35), others)).hasValue(
                "asha pruner: val_accuracy 0.35 at rung epoch 1 ranks 3 of 6 trials that reached it; only the top 2 go on");
    }

    @Test
    void ashaJudgesOnlyAtRungsAndNotWithoutCompany() {
        Pruner asha = pruner(ACCURACY, "asha", Map.of());
        List<TrialCurve> others = List.of(curve(1, "val_accuracy", 0.9, 0.9, 0.9), curve(2, "val_accuracy", 0.8, 0.8, 0.8),
                curve(3, "val_accuracy", 0.7, 0.7, 0.7));
        // Epoch 2 is not a rung (rungs 1, 3, 9, ...).
        assertThat(asha.shouldPrune(curve(0, "val_accuracy", 0.1, 0.1), others)).isEmpty();
        assertThat(asha.shouldPrune(curve(0, "val_accuracy", 0.1, 0.1, 0.1), others)).isPresent();
        // Fewer trials than the reduction factor at the rung: kept.
        assertThat(asha.shouldPrune(curve(0, "val_accuracy", 0.1, 0.1, 0.1), others.subList(0, 1))).isEmpty();
    }

    static Map<String, Double> epoch(double loss, double valLoss, double valAccuracy) {
        return Map.of("loss", loss, "val_loss", valLoss, "val_accuracy", valAccuracy);
    }

    @Test
    void overfittingPrunesAGrowingGapWithAStalledMetric() {
        Pruner overfitting = pruner(ACCURACY, "overfitting", Map.of("patience", 3, "warmup_epochs", 2));
        TrialCurve overfit = new TrialCurve(0, false, List.of(epoch(1.0, 1.0, 0.6), epoch(0.6, 0.7, 0.8), epoch(0.4, 0.6, 0.79),
                epoch(0.3, 0.65, 0.78), epoch(0.2, 0.7, 0.8)));
        assertThat(overfitting.shouldPrune(overfit, List.of())).hasValue("overfitting pruner: the gap val_loss − loss grew for 3 epochs "
                + "(0.1 → 0.2 → 0.35 → 0.5, epochs 2 to 5) while val_accuracy did not beat its best 0.8 of epoch 2 or earlier");
    }

    @Test
    void overfittingKeepsATrialThatStillImprovesOrWhoseGapDoesNotGrow() {
        Pruner overfitting = pruner(ACCURACY, "overfitting", Map.of());
        TrialCurve improving = new TrialCurve(0, false, List.of(epoch(1.0, 1.0, 0.6), epoch(0.6, 0.7, 0.8), epoch(0.4, 0.6, 0.79),
                epoch(0.3, 0.65, 0.78), epoch(0.2, 0.7, 0.81)));
        assertThat(overfitting.shouldPrune(improving, List.of())).isEmpty();
        TrialCurve steadyGap = new TrialCurve(0, false, List.of(epoch(1.0, 1.0, 0.6), epoch(0.6, 0.7, 0.8), epoch(0.4, 0.6, 0.79),
                epoch(0.3, 0.45, 0.78), epoch(0.2, 0.45, 0.78)));
        assertThat(overfitting.shouldPrune(steadyGap, List.of())).isEmpty();
        Pruner strict = pruner(ACCURACY, "overfitting", Map.of("min_delta", 0.12));
        TrialCurve overfit = new TrialCurve(0, false, List.of(epoch(1.0, 1.0, 0.6), epoch(0.6, 0.7, 0.8), epoch(0.4, 0.6, 0.79),
                epoch(0.3, 0.65, 0.78), epoch(0.2, 0.7, 0.8)));
        // The gap grew by 0.1 then 0.15 then 0.15: not by more than 0.12 every epoch.
        assertThat(strict.shouldPrune(overfit, List.of())).isEmpty();
    }

    @Test
    void overfittingFallsBackToTheAccuracyGap() {
        Pruner overfitting = pruner(LOSS, "overfitting", Map.of("patience", 2, "warmup_epochs", 0));
        List<Map<String, Double>> epochs = List.of(Map.of("accuracy", 0.7, "val_accuracy", 0.7, "val_loss", 0.5),
                Map.of("accuracy", 0.8, "val_accuracy", 0.72, "val_loss", 0.55), Map.of("accuracy", 0.9, "val_accuracy", 0.7, "val_loss", 0.6));
        assertThat(overfitting.shouldPrune(new TrialCurve(0, false, epochs), List.of())).hasValueSatisfying(reason ->
                assertThat(reason).contains("the gap accuracy − val_accuracy grew for 2 epochs").contains("val_loss did not beat its best 0.5"));
    }

    @Test
    void anyOfSeveralPrunersMayStopATrial() {
        Pruner both = Pruners.create(List.of(new PrunerSpec("asha", Map.of()), new PrunerSpec("median", Map.of("min_trials", 1))), ACCURACY);
        List<TrialCurve> others = List.of(curve(1, "val_accuracy", 0.9, 0.9));
        // Epoch 2 is no ASHA rung, but the median pruner sees 0.2 below 0.9.
        assertThat(both.shouldPrune(curve(0, "val_accuracy", 0.1, 0.2), others)).hasValueSatisfying(r -> assertThat(r).startsWith("median pruner"));
    }
}
