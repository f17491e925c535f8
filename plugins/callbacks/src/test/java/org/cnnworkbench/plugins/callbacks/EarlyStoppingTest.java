package org.cnnworkbench.plugins.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.cnnworkbench.api.EpochListener;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.testkit.RecordingControl;
import org.junit.jupiter.api.Test;
import org.cnnworkbench.testkit.TestParams;

class EarlyStoppingTest {
    private final EarlyStopping callback = new EarlyStopping();

    private EpochListener listener(Object... overrides) {
        return callback.create(TestParams.of(callback, overrides));
    }

    @Test
    void stopsAfterPatienceEpochsWithoutALowerLoss() {
        RecordingControl control = RecordingControl.run(listener("patience", 2), "val_loss",
                0.9, 0.62, 0.48, 0.41, 0.37, 0.3412, 0.35, 0.3413, 0.30);

        assertThat(control.epoch()).isEqualTo(8);
        assertThat(control.stops).containsExactly("val_loss did not improve for 2 epochs (best 0.3412 at epoch 6)");
        assertThat(control.summary).containsExactly(Map.entry("stopped_epoch", 8), Map.entry("best_epoch", 6));
    }

    @Test
    void patienceZeroStopsAtTheFirstEpochWithoutImprovement() {
        RecordingControl control = RecordingControl.run(listener(), "val_loss", 0.5, 0.4, 0.4, 0.3);

        assertThat(control.stops).containsExactly("val_loss did not improve for 1 epoch (best 0.4000 at epoch 2)");
        assertThat(control.summary).containsEntry("stopped_epoch", 3).containsEntry("best_epoch", 2);
    }

    @Test
    void maximisesAccuraciesInAutoMode() {
        // The course's MNIST MLP: EarlyStopping(val_acc, patience 2) stopped at epoch 10, best at 8.
        RecordingControl control = RecordingControl.run(listener("monitor", "val_accuracy", "patience", 2),
                "val_accuracy", 0.9601, 0.9688, 0.9712, 0.9745, 0.9751, 0.9770, 0.9768, 0.9793, 0.9790, 0.9785, 0.98);

        assertThat(control.stops).containsExactly(
                "val_accuracy did not improve for 2 epochs (best 0.9793 at epoch 8)");
        assertThat(control.summary).containsEntry("stopped_epoch", 10).containsEntry("best_epoch", 8);
    }

    @Test
    void modeOverridesTheDirectionAutoWouldChoose() {
        RecordingControl maxLoss = RecordingControl.run(listener("monitor", "loss", "mode", "max"), "loss",
                0.5, 0.6, 0.4);
        RecordingControl minAccuracy = RecordingControl.run(listener("monitor", "accuracy", "mode", "min"),
                "accuracy", 0.5, 0.4, 0.6);

        assertThat(maxLoss.stops).containsExactly("loss did not improve for 1 epoch (best 0.6000 at epoch 2)");
        assertThat(minAccuracy.stops).containsExactly("accuracy did not improve for 1 epoch (best 0.4000 at epoch 2)");
    }

    @Test
    void anImprovementMustExceedMinDelta() {
        RecordingControl small = RecordingControl.run(listener("min_delta", 0.05), "val_loss", 1.0, 0.96, 0.5);
        RecordingControl large = RecordingControl.run(listener("min_delta", 0.05), "val_loss", 1.0, 0.9, 0.8);

        assertThat(small.stops).containsExactly(
                "val_loss did not improve by more than 0.05 for 1 epoch (best 1.0000 at epoch 1)");
        assertThat(large.stops).isEmpty();
        assertThat(large.summary).containsExactly(Map.entry("best_epoch", 3));
    }

    @Test
    void minDeltaAppliesUpwardsInMaxMode() {
        RecordingControl control = RecordingControl.run(
                listener("monitor", "val_accuracy", "min_delta", 0.01, "patience", 2), "val_accuracy",
                0.90, 0.905, 0.92, 0.925, 0.929);

        // 0.905 is not more than 0.01 above 0.90, 0.92 is; 0.925 and 0.929 are not above 0.92 by 0.01.
        assertThat(control.stops).containsExactly(
                "val_accuracy did not improve by more than 0.01 for 2 epochs (best 0.9200 at epoch 3)");
        assertThat(control.summary).containsEntry("stopped_epoch", 5).containsEntry("best_epoch", 3);
    }

    @Test
    void patienceCountsEpochsInARowOnly() {
        RecordingControl control = RecordingControl.run(listener("patience", 2), "val_loss",
                1.0, 1.1, 0.9, 1.0, 0.8, 0.85, 0.7);

        assertThat(control.stops).isEmpty();
        assertThat(control.epoch()).isEqualTo(7);
        assertThat(control.summary).containsExactly(Map.entry("best_epoch", 7));
    }

    @Test
    void restoresTheBestWeightsWhenTrainingEndsOnAWorseEpoch() {
        RecordingControl control = RecordingControl.run(listener("patience", 2, "restore_best_weights", true),
                "val_loss", 0.9, 0.5, 0.45, 0.6, 0.7);

        assertThat(control.snapshotEpochs).containsExactly(1, 2, 3);
        assertThat(control.weightsOf).isEqualTo(3);
        assertThat(control.logs).containsExactly("early-stopping: restored the weights of epoch 3, the best val_loss"
                + " (0.4500), in place of those of epoch 5");
    }

    @Test
    void keepsTheLastWeightsWhenTheLastEpochIsTheBest() {
        RecordingControl control = RecordingControl.run(listener("patience", 2, "restore_best_weights", true),
                "val_loss", 0.9, 0.95, 0.5);

        assertThat(control.snapshotEpochs).containsExactly(1, 3);
        assertThat(control.weightsOf).isEqualTo(3);
        assertThat(control.logs).isEmpty();
    }

    @Test
    void keepsNoSnapshotsUnlessAskedToRestore() {
        RecordingControl control = RecordingControl.run(listener("patience", 1), "val_loss", 0.9, 0.5, 0.6);

        assertThat(control.snapshotEpochs).isEmpty();
        assertThat(control.weightsOf).isEqualTo(3);
    }

    @Test
    void warnsOnceAndWaitsWhileTheMetricIsMissing() {
        List<Map<String, Double>> epochs = List.of(Map.of("loss", 0.9), Map.of("loss", 1.0), Map.of("loss", 1.1));

        RecordingControl control = new RecordingControl().train(listener("restore_best_weights", true), epochs);

        assertThat(control.epoch()).isEqualTo(3);
        assertThat(control.stops).isEmpty();
        assertThat(control.summary).isEmpty();
        assertThat(control.snapshotEpochs).isEmpty();
        assertThat(control.logs).containsExactly("early-stopping: warning: epoch 1 has no val_loss (it has loss);"
                + " early stopping does nothing while it is missing; give the dataset a validation part to"
                + " monitor val_loss");
    }

    @Test
    void aNanValueIsNoImprovement() {
        RecordingControl control = RecordingControl.run(listener("patience", 1), "val_loss", 0.5, Double.NaN);

        assertThat(control.stops).containsExactly("val_loss did not improve for 1 epoch (best 0.5000 at epoch 1)");
    }

    @Test
    void aResumedTrialKeepsCountingFromItsHistory() {
        RecordingControl control = new RecordingControl();
        control.history.add(new EpochMetrics(1, Map.of("val_loss", 0.5)));
        control.history.add(new EpochMetrics(2, Map.of("val_loss", 0.6)));
        EpochListener resumed = listener("patience", 2);

        resumed.onTrainStart(control);
        resumed.onEpochEnd(new EpochMetrics(3, Map.of("val_loss", 0.55)), control);

        assertThat(control.stops).containsExactly("val_loss did not improve for 2 epochs (best 0.5000 at epoch 1)");
    }

    @Test
    void eachListenerHasItsOwnState() {
        EpochListener first = listener("patience", 1);
        RecordingControl.run(first, "val_loss", 0.1, 0.2);

        RecordingControl second = RecordingControl.run(listener("patience", 1), "val_loss", 0.9, 0.8);

        assertThat(second.stops).isEmpty();
    }

    @Test
    void baselineStopsARunThatDoesNotGetPastItWithinPatience() {
        // Improving every epoch, but never below 0.5: patience 3 runs out at epoch 3.
        RecordingControl control = RecordingControl.run(listener("baseline", 0.5, "patience", 3), "val_loss",
                0.9, 0.7, 0.6, 0.55, 0.4);

        assertThat(control.epoch()).isEqualTo(3);
        assertThat(control.stops).containsExactly(
                "val_loss did not get past the baseline 0.5 in 3 epochs (best 0.6000 at epoch 3)");
        assertThat(control.summary).containsEntry("stopped_epoch", 3).containsEntry("best_epoch", 3);
    }

    @Test
    void onceTheBaselineIsBeatenPatienceCountsAsUsual() {
        RecordingControl control = RecordingControl.run(listener("baseline", 0.5, "patience", 2), "val_loss",
                0.9, 0.45, 0.46, 0.47, 0.3);

        assertThat(control.stops).containsExactly("val_loss did not improve for 2 epochs (best 0.4500 at epoch 2)");
        assertThat(control.summary).containsEntry("stopped_epoch", 4).containsEntry("best_epoch", 2);
    }

    @Test
    void aBaselineForAnAccuracyMustBeExceeded() {
        RecordingControl control = RecordingControl.run(
                listener("monitor", "val_accuracy", "baseline", 0.9, "patience", 1), "val_accuracy", 0.80, 0.85, 0.95);

        assertThat(control.stops).containsExactly(
                "val_accuracy did not get past the baseline 0.9 in 2 epochs (best 0.8500 at epoch 2)");
    }

    @Test
    void warmUpEpochsBeforeStartFromEpochAreNotWatched() {
        // Epochs 1-3 are warm-up: their lower 0.5 is not the best, and no snapshot is taken of them.
        RecordingControl control = RecordingControl.run(
                listener("start_from_epoch", 3, "patience", 1, "restore_best_weights", true), "val_loss",
                0.5, 0.9, 1.0, 0.8, 0.85, 0.7);

        assertThat(control.stops).containsExactly("val_loss did not improve for 1 epoch (best 0.8000 at epoch 4)");
        assertThat(control.summary).containsEntry("stopped_epoch", 5).containsEntry("best_epoch", 4);
        assertThat(control.snapshotEpochs).containsExactly(4);
        assertThat(control.weightsOf).isEqualTo(4);
    }

    @Test
    void theFirstWatchedEpochNeverStopsTrainingAsInKeras() {
        RecordingControl control = RecordingControl.run(listener(), "val_loss", Double.NaN, 0.5, 0.6);

        assertThat(control.stops).containsExactly("val_loss did not improve for 1 epoch (best 0.5000 at epoch 2)");
        assertThat(control.summary).containsEntry("stopped_epoch", 3);
    }

    @Test
    void neverChangesTheLearningRateNorSavesAModelNorAddsMetrics() {
        RecordingControl control = RecordingControl.run(listener("patience", 1, "restore_best_weights", true),
                "val_loss", 0.9, 0.5, 0.6, 0.7);

        assertThat(control.lrSets).isEmpty();
        assertThat(control.checkpoints).isEmpty();
        assertThat(control.addedMetrics).isEmpty();
    }

    @Test
    void declaresKerasParameters() {
        assertThat(callback.id()).isEqualTo("early-stopping");
        assertThat(callback.parameters()).extracting(ParamSpec::name, ParamSpec::defaultValue).containsExactly(
                tuple("monitor", "val_loss"),
                tuple("mode", "auto"),
                tuple("patience", 0),
                tuple("min_delta", 0.0),
                tuple("restore_best_weights", false),
                tuple("baseline", null),
                tuple("start_from_epoch", 0));
        assertThat(callback.parameters().get(0).allowed())
                .containsExactly("loss", "accuracy", "val_loss", "val_accuracy");
        assertThat(callback.parameters().get(5).required()).isFalse();
    }
}
