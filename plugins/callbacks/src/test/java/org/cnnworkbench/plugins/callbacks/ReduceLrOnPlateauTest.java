package org.cnnworkbench.plugins.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.cnnworkbench.api.EpochListener;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.PluginInputException;
import org.cnnworkbench.testkit.RecordingControl;
import org.cnnworkbench.testkit.TestParams;
import org.junit.jupiter.api.Test;

class ReduceLrOnPlateauTest {
    private final ReduceLrOnPlateau callback = new ReduceLrOnPlateau();

    private EpochListener listener(Object... overrides) {
        return callback.create(TestParams.of(callback, overrides));
    }

    private static RecordingControl train(EpochListener listener, double lr, String key, double... values) {
        return new RecordingControl().learningRate(lr).train(listener, RecordingControl.columns(key, values));
    }

    @Test
    void halvesTheRateAfterPatienceEpochsWithoutImprovementFromTheNextEpochOn() {
        RecordingControl control = train(listener("factor", 0.5, "patience", 2), 0.01, "val_loss",
                1.0, 0.8, 0.81, 0.82, 0.83, 0.7, 0.71, 0.72);

        assertThat(control.lrs).containsExactly(0.01, 0.01, 0.01, 0.01, 0.005, 0.005, 0.005, 0.005);
        assertThat(control.lrSets).containsExactly(0.005, 0.0025);
        assertThat(control.logs).containsExactly(
                "reduce-lr-on-plateau: val_loss did not improve by more than 0.0001 for 2 epochs (best 0.8000 at epoch 2);"
                        + " learning rate 0.01 -> 0.005 from epoch 5",
                "reduce-lr-on-plateau: val_loss did not improve by more than 0.0001 for 2 epochs (best 0.7000 at epoch 6);"
                        + " learning rate 0.005 -> 0.0025 from epoch 9");
        assertThat(control.summary).containsExactly(Map.entry("lr_reductions", 2));
        assertThat(control.stops).isEmpty();
    }

    @Test
    void cooldownEpochsAfterAReductionDoNotCount() {
        // patience 1, cooldown 2 on a flat loss: Keras reduces at epochs 2, 4, 6 and 8, not every epoch (the epoch
        // in which the cooldown runs out already counts, as in Keras).
        RecordingControl control = train(listener("patience", 1, "cooldown", 2, "factor", 0.1), 0.1, "val_loss",
                1, 1, 1, 1, 1, 1, 1, 1);

        assertThat(control.lrSets).hasSize(4);
        assertThat(control.lrs).hasSize(8);
        double[] expected = {0.1, 0.1, 0.01, 0.01, 0.001, 0.001, 1e-4, 1e-4};
        for (int e = 0; e < expected.length; e++) {
            assertThat(control.lrs.get(e)).as("lr of epoch %d", e + 1).isCloseTo(expected[e], within(1e-15));
        }
    }

    @Test
    void anImprovementDuringCooldownStillResetsTheBest() {
        RecordingControl control = train(listener("patience", 1, "cooldown", 1, "factor", 0.5), 0.1, "val_loss",
                1.0, 1.0, 0.5, 0.6, 0.6);

        // Epoch 2 reduces; epoch 3 is cooldown but a new best; epoch 4 waits 1 and reduces again.
        assertThat(control.lrs).containsExactly(0.1, 0.1, 0.05, 0.05, 0.025);
        assertThat(control.logs.get(1)).contains("(best 0.5000 at epoch 3)", "0.05 -> 0.025 from epoch 5");
    }

    @Test
    void theRateNeverGoesBelowMinLrAndIsLeftAloneThere() {
        RecordingControl control = train(listener("patience", 0, "factor", 0.5, "min_lr", 0.0003), 0.001, "val_loss",
                0.5, 0.5, 0.5, 0.5, 0.5, 0.5);

        assertThat(control.lrs).containsExactly(0.001, 0.001, 0.0005, 0.0003, 0.0003, 0.0003);
        assertThat(control.lrSets).containsExactly(0.0005, 0.0003);
        assertThat(control.summary).containsEntry("lr_reductions", 2);
        assertThat(control.logs).hasSize(2);
    }

    @Test
    void watchesTheMonitorGivenAndMaximisesAccuracies() {
        RecordingControl control = train(listener("monitor", "val_accuracy", "patience", 1, "factor", 0.5), 0.1,
                "val_accuracy", 0.80, 0.85, 0.84, 0.90);

        assertThat(control.lrs).containsExactly(0.1, 0.1, 0.1, 0.05);
    }

    @Test
    void changesSmallerThanMinDeltaAreNoImprovement() {
        RecordingControl control = train(listener("patience", 2, "factor", 0.5, "min_delta", 0.01), 0.1, "val_loss",
                0.5, 0.495, 0.491, 0.3);

        assertThat(control.lrs).containsExactly(0.1, 0.1, 0.1, 0.05);
    }

    @Test
    void aFactorOfOneOrZeroIsRefusedBeforeTraining() {
        assertThatThrownBy(() -> listener("factor", 1.0)).isInstanceOf(PluginInputException.class)
                .hasMessage("reduce-lr-on-plateau: factor is 1, but it must be above 0 and below 1: the learning rate is"
                        + " multiplied by it (0 would stop learning, 1 would change nothing). Keras' default is 0.1;"
                        + " 0.5 or 0.2 are common.");
        assertThatThrownBy(() -> listener("factor", 0.0)).isInstanceOf(PluginInputException.class)
                .hasMessageStartingWith("reduce-lr-on-plateau: factor is 0, but");
    }

    @Test
    void withoutTheMetricItWarnsOnceAndKeepsTheRate() {
        RecordingControl control = new RecordingControl().train(listener("patience", 0),
                List.of(Map.of("loss", 0.9), Map.of("loss", 0.9)));

        assertThat(control.lrSets).isEmpty();
        assertThat(control.logs).containsExactly("reduce-lr-on-plateau: warning: epoch 1 has no val_loss (it has loss);"
                + " the learning rate is not changed while it is missing; give the dataset a validation part to monitor"
                + " val_loss");
    }

    @Test
    void aResumedTrialKeepsCountingFromItsHistory() {
        RecordingControl control = new RecordingControl().learningRate(0.1);
        control.history.add(new EpochMetrics(1, Map.of("val_loss", 1.0, "lr", 0.1)));
        control.history.add(new EpochMetrics(2, Map.of("val_loss", 1.1, "lr", 0.1)));
        control.history.add(new EpochMetrics(3, Map.of("val_loss", 1.2, "lr", 0.1)));
        EpochListener resumed = listener("patience", 3, "factor", 0.5);

        resumed.onTrainStart(control);
        resumed.onEpochEnd(new EpochMetrics(4, Map.of("val_loss", 1.3, "lr", 0.1)), control);

        // Epochs 2 and 3 already waited; epoch 4 is the third epoch without improvement since epoch 1.
        assertThat(control.lrSets).containsExactly(0.05);
        assertThat(control.logs).singleElement().asString().contains("for 3 epochs (best 1.0000 at epoch 1)");
    }

    @Test
    void declaresKerasParameters() {
        assertThat(callback.id()).isEqualTo("reduce-lr-on-plateau");
        assertThat(callback.parameters()).extracting(ParamSpec::name, ParamSpec::defaultValue).containsExactly(
                tuple("monitor", "val_loss"),
                tuple("mode", "auto"),
                tuple("factor", 0.1),
                tuple("patience", 10),
                tuple("min_delta", 1e-4),
                tuple("cooldown", 0),
                tuple("min_lr", 0.0));
    }
}
