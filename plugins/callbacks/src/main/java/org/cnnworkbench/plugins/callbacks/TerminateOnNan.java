package org.cnnworkbench.plugins.callbacks;

import java.util.List;
import java.util.OptionalDouble;
import org.cnnworkbench.api.ConfigurableExtension;
import org.cnnworkbench.api.EpochListener;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.api.MetricKeys;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.api.TrainingCallback;
import org.cnnworkbench.api.TrainingControl;
import org.pf4j.Extension;

/**
 * Keras' {@code TerminateOnNaN}, per epoch: stops training after an epoch whose loss (or the
 * {@code monitor} metric) is NaN or infinite — the network has diverged and further epochs only
 * burn time. The stop reason names the metric, its value and the epoch; {@code stopped_epoch} goes
 * in the run's summary. Keras checks after every batch; the engine hears callbacks per epoch, so
 * the diverged epoch runs to its end. Example: {@code - type: terminate-on-nan}.
 */
@Extension
public class TerminateOnNan extends ConfigurableExtension implements TrainingCallback {
    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.choice(Monitor.MONITOR, MetricKeys.LOSS, Monitor.METRICS, "the metric checked for NaN or infinity"));

    public TerminateOnNan() {
        super("terminate-on-nan",
                "Stops training when the loss becomes NaN or infinite",
                PARAMETERS);
    }

    @Override
    public EpochListener create(Params params) {
        return new Listener(params.getString(Monitor.MONITOR));
    }

    /** Stateless but for the once-only warning about a missing metric. */
    private static final class Listener implements EpochListener {
        private final String metric;
        private final MissingMetric missing = new MissingMetric("terminate-on-nan", "it is not checked while it is missing");

        Listener(String metric) {
            this.metric = metric;
        }

        @Override
        public void onEpochEnd(EpochMetrics metrics, TrainingControl control) {
            OptionalDouble value = missing.read(metric, metrics, control);
            if (value.isEmpty() || Double.isFinite(value.getAsDouble())) {
                return;
            }
            double v = value.getAsDouble();
            String what = Double.isNaN(v) ? "NaN" : "infinite (" + v + ")";
            control.stop(metric + " is " + what + " at epoch " + metrics.epoch()
                    + ": training diverged; a lower learning_rate usually helps");
            control.recordSummary(EarlyStoppingListener.STOPPED_EPOCH, metrics.epoch());
        }
    }
}
