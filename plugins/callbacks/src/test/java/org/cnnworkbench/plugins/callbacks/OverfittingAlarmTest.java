package org.cnnworkbench.plugins.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.cnnworkbench.api.EpochListener;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.testkit.RecordingControl;
import org.cnnworkbench.testkit.TestParams;
import org.junit.jupiter.api.Test;

class OverfittingAlarmTest {
    // A CNN without dropout on a small set: val_loss bottoms out at epoch 4 while the training loss keeps falling.
    private static final double[] LOSS = {0.80, 0.50, 0.40, 0.33, 0.28, 0.24, 0.20, 0.17};
    private static final double[] VAL_LOSS = {0.70, 0.52, 0.45, 0.43, 0.44, 0.47, 0.51, 0.56};
    private static final double[] ACCURACY = {0.70, 0.82, 0.86, 0.88, 0.90, 0.91, 0.93, 0.94};
    private static final double[] VAL_ACCURACY = {0.74, 0.81, 0.84, 0.85, 0.85, 0.84, 0.84, 0.83};

    private final OverfittingAlarm callback = new OverfittingAlarm();

    private EpochListener listener(Object... overrides) {
        return callback.create(TestParams.of(callback, overrides));
    }

    private static List<Map<String, Double>> curves() {
        return RecordingControl.columns("loss", LOSS, "accuracy", ACCURACY, "val_loss", VAL_LOSS, "val_accuracy", VAL_ACCURACY);
    }

    private static List<Map<String, Double>> losses(double[] loss, double[] valLoss) {
        return RecordingControl.columns("loss", loss, "val_loss", valLoss);
    }

    @Test
    void findsTheOnsetWhenValLossHasRisenTwiceWhileLossFell() {
        RecordingControl control = new RecordingControl().train(listener(), curves());

        assertThat(control.summary).containsEntry("overfitting_onset_epoch", 4).containsEntry("best_epoch", 4)
                .containsEntry("early_stop_epoch_would_be", 6);
        assertThat((Double) control.summary.get("gap_at_best")).isCloseTo(0.10, within(1e-12));
        assertThat(control.logs).containsExactly("overfitting-alarm: val_loss rose for 2 epochs in a row"
                + " (0.4300 -> 0.4400 -> 0.4700) while loss fell (0.3300 -> 0.2800 -> 0.2400); overfitting set in after"
                + " epoch 4 (lowest val_loss 0.4300)");
        assertThat(control.stops).as("it only watches unless told to stop").isEmpty();
        assertThat(control.epoch()).isEqualTo(8);
    }

    @Test
    void recordsTheGapsOfEveryEpochAsMetrics() {
        RecordingControl control = new RecordingControl().train(listener(), curves());

        List<Double> gapLoss = control.added("gap_loss");
        List<Double> gapAccuracy = control.added("gap_accuracy");
        for (int e = 0; e < LOSS.length; e++) {
            assertThat(gapLoss.get(e)).as("gap_loss of epoch %d", e + 1).isCloseTo(VAL_LOSS[e] - LOSS[e], within(1e-15));
            assertThat(gapAccuracy.get(e)).as("gap_accuracy of epoch %d", e + 1)
                    .isCloseTo(ACCURACY[e] - VAL_ACCURACY[e], within(1e-15));
        }
        assertThat(gapLoss.get(0)).isCloseTo(-0.10, within(1e-12));
        assertThat(gapLoss.get(7)).isCloseTo(0.39, within(1e-12));
    }

    @Test
    void theSummaryIsUpToDateAfterEveryEpoch() {
        RecordingControl control = new RecordingControl().train(listener(), curves().subList(0, 3));

        assertThat(control.summary).containsEntry("best_epoch", 3).containsEntry("early_stop_epoch_would_be", 5)
                .doesNotContainKey("overfitting_onset_epoch");
    }

    @Test
    void withStopItStopsTrainingAtTheEpochThatRevealsTheOnset() {
        RecordingControl control = new RecordingControl().train(listener("stop", true), curves());

        assertThat(control.epoch()).isEqualTo(6);
        assertThat(control.stops).containsExactly(
                "overfitting: val_loss rose for 2 epochs in a row while loss fell (lowest val_loss 0.4300 at epoch 4)");
        assertThat(control.logs).singleElement().asString().endsWith("; stopping");
    }

    @Test
    void theOnsetIsTheLowestValLossBeforeTheRiseNotTheStartOfTheRise() {
        RecordingControl control = new RecordingControl().train(listener(), losses(
                new double[] {0.9, 0.8, 0.7, 0.6, 0.5},
                new double[] {0.5, 0.6, 0.55, 0.6, 0.7}));

        assertThat(control.summary).containsEntry("overfitting_onset_epoch", 1).containsEntry("best_epoch", 1);
        // Early stopping with patience 2 would already have stopped at epoch 3, two epochs after the best.
        assertThat(control.summary).containsEntry("early_stop_epoch_would_be", 3);
    }

    @Test
    void aRiseInterruptedByAFallIsNoOnset() {
        RecordingControl control = new RecordingControl().train(listener(), losses(
                new double[] {0.9, 0.8, 0.7, 0.6, 0.5, 0.4},
                new double[] {0.6, 0.65, 0.6, 0.62, 0.61, 0.63}));

        assertThat(control.summary).doesNotContainKey("overfitting_onset_epoch");
        assertThat(control.logs).isEmpty();
    }

    @Test
    void valLossRisingWithTheTrainingLossIsNotOverfitting() {
        // Both rising: the training diverges, it does not overfit.
        RecordingControl control = new RecordingControl().train(listener(), losses(
                new double[] {0.5, 0.45, 0.5, 0.55},
                new double[] {0.6, 0.55, 0.6, 0.65}));

        assertThat(control.summary).doesNotContainKey("overfitting_onset_epoch").containsEntry("best_epoch", 2);
    }

    @Test
    void patienceOneRaisesTheAlarmAtTheFirstRise() {
        RecordingControl control = new RecordingControl().train(listener("patience", 1), losses(
                new double[] {0.9, 0.8, 0.7},
                new double[] {0.6, 0.5, 0.55}));

        assertThat(control.summary).containsEntry("overfitting_onset_epoch", 2).containsEntry("early_stop_epoch_would_be", 3);
        assertThat(control.logs).singleElement().asString().contains("val_loss rose for 1 epoch in a row (0.5000 -> 0.5500)");
    }

    @Test
    void theOnsetIsFoundOnlyOnce() {
        RecordingControl control = new RecordingControl().train(listener("patience", 1), losses(
                new double[] {0.9, 0.8, 0.7, 0.6, 0.5},
                new double[] {0.6, 0.5, 0.55, 0.4, 0.45}));

        assertThat(control.summary).containsEntry("overfitting_onset_epoch", 2).containsEntry("best_epoch", 4);
        assertThat(control.logs).hasSize(1);
    }

    @Test
    void withoutValidationItWarnsOnceAndRecordsNothing() {
        RecordingControl control = new RecordingControl().train(listener(),
                List.of(Map.of("loss", 0.9, "accuracy", 0.6), Map.of("loss", 0.8, "accuracy", 0.7)));

        assertThat(control.addedMetrics).isEmpty();
        assertThat(control.summary).isEmpty();
        // The metrics map of the test has no order, so the listed keys may come either way.
        assertThat(control.logs).singleElement().asString()
                .startsWith("overfitting-alarm: warning: epoch 1 has no val_loss (it has ")
                .containsAnyOf("(it has loss, accuracy)", "(it has accuracy, loss)")
                .endsWith("; neither the gap nor the onset of overfitting can be computed without it; give the dataset a"
                        + " validation part to monitor val_loss");
    }

    @Test
    void aResumedTrialFindsAnOnsetThatSpansTheRestart() {
        RecordingControl control = new RecordingControl();
        control.history.add(new EpochMetrics(1, Map.of("loss", 0.9, "val_loss", 0.6)));
        control.history.add(new EpochMetrics(2, Map.of("loss", 0.8, "val_loss", 0.5)));
        control.history.add(new EpochMetrics(3, Map.of("loss", 0.7, "val_loss", 0.55)));
        EpochListener resumed = listener();

        resumed.onTrainStart(control);
        resumed.onEpochEnd(new EpochMetrics(4, Map.of("loss", 0.6, "val_loss", 0.58)), control);

        assertThat(control.summary).containsEntry("overfitting_onset_epoch", 2);
    }

    @Test
    void declaresItsParameters() {
        assertThat(callback.id()).isEqualTo("overfitting-alarm");
        assertThat(callback.parameters()).extracting(ParamSpec::name, ParamSpec::defaultValue)
                .containsExactly(tuple("patience", 2), tuple("stop", false));
    }
}
