package org.cnnworkbench.plugins.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.cnnworkbench.api.EpochListener;
import org.cnnworkbench.testkit.RecordingControl;
import org.cnnworkbench.testkit.TestParams;
import org.junit.jupiter.api.Test;

class TerminateOnNanTest {
    private final TerminateOnNan callback = new TerminateOnNan();

    private EpochListener listener(Object... overrides) {
        return callback.create(TestParams.of(callback, overrides));
    }

    @Test
    void stopsAfterTheEpochWhoseLossIsNaN() {
        RecordingControl control = RecordingControl.run(listener(), "loss", 2.3, 1.9, Double.NaN, 1.5);

        assertThat(control.epoch()).isEqualTo(3);
        assertThat(control.stops).containsExactly(
                "loss is NaN at epoch 3: training diverged; a lower learning_rate usually helps");
        assertThat(control.summary).containsExactly(Map.entry("stopped_epoch", 3));
    }

    @Test
    void anInfiniteLossStopsToo() {
        RecordingControl control = RecordingControl.run(listener(), "loss", 2.3, Double.POSITIVE_INFINITY);

        assertThat(control.stops).containsExactly(
                "loss is infinite (Infinity) at epoch 2: training diverged; a lower learning_rate usually helps");
    }

    @Test
    void watchesTheMonitorGiven() {
        RecordingControl control = new RecordingControl().train(listener("monitor", "val_loss"), RecordingControl.columns(
                "loss", new double[] {2.3, 1.9, 1.7},
                "val_loss", new double[] {2.2, Double.NEGATIVE_INFINITY, 1.8}));

        assertThat(control.stops).containsExactly(
                "val_loss is infinite (-Infinity) at epoch 2: training diverged; a lower learning_rate usually helps");
    }

    @Test
    void finiteValuesNeverStopTraining() {
        RecordingControl control = RecordingControl.run(listener(), "loss", 2.3, 1e30, 0.0, -1.0);

        assertThat(control.stops).isEmpty();
        assertThat(control.epoch()).isEqualTo(4);
        assertThat(control.logs).isEmpty();
    }

    @Test
    void warnsOnceWhenTheMetricIsMissing() {
        RecordingControl control = new RecordingControl().train(listener("monitor", "val_loss"),
                List.of(Map.of("loss", Double.NaN), Map.of("loss", Double.NaN)));

        assertThat(control.stops).isEmpty();
        assertThat(control.logs).containsExactly("terminate-on-nan: warning: epoch 1 has no val_loss (it has loss); it is"
                + " not checked while it is missing; give the dataset a validation part to monitor val_loss");
    }
}
