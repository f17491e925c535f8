package org.cnnworkbench.plugins.callbacks;

import java.util.Arrays;
import java.util.List;
import org.cnnworkbench.api.EpochListener;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.api.MetricKeys;
import org.cnnworkbench.api.TrainingControl;

/**
 * One trial's schedule: the starting rate {@code lr0} (the rate in force at train start, or the
 * recorded rate of epoch 1 when a trial resumes) and the resolved {@code decay} and cosine period.
 * The rate of epoch {@code e} is a function of {@code e} alone, so a resumed trial picks up where
 * it was.
 */
final class LrScheduleListener implements EpochListener {
    private static final String ID = "lr-schedule";

    /** The decay functions; see {@link LrSchedule}. */
    enum Kind {
        STEP("step"), EXPONENTIAL("exponential"), COSINE("cosine"), TIME_DECAY("time-decay");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        static List<String> names() {
            return Arrays.stream(values()).map(k -> k.label).toList();
        }

        static Kind of(String label) {
            return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("schedule is one of " + names() + ", found " + label));
        }
    }

    private final Kind kind;
    private final int stepSize;
    private final double gamma;
    private final Double givenDecay;
    private final double minLr;
    private final Integer givenPeriod;

    private double lr0;
    private double decay;
    private int period;
    private boolean warnedNotPositive;

    LrScheduleListener(Kind kind, int stepSize, double gamma, Double decay, double minLr, Integer period) {
        this.kind = kind;
        this.stepSize = stepSize;
        this.gamma = gamma;
        this.givenDecay = decay;
        this.minLr = minLr;
        this.givenPeriod = period;
    }

    @Override
    public void onTrainStart(TrainingControl control) {
        List<EpochMetrics> history = control.history();
        lr0 = history.isEmpty() ? control.learningRate()
                : history.get(0).get(MetricKeys.LR).orElse(control.learningRate());
        decay = givenDecay != null ? givenDecay : lr0 / control.maxEpochs();
        period = givenPeriod != null ? givenPeriod : control.maxEpochs();
        // Epoch 1 always runs at lr0; a resumed trial's next epoch gets its scheduled rate now.
        if (!history.isEmpty()) {
            applyFor(history.get(history.size() - 1).epoch() + 1, control);
        }
    }

    @Override
    public void onEpochEnd(EpochMetrics metrics, TrainingControl control) {
        applyFor(metrics.epoch() + 1, control);
    }

    /** The scheduled rate of epoch {@code epoch} (1-based). */
    double rate(int epoch) {
        int i = epoch - 1;
        double scheduled = switch (kind) {
            case STEP -> lr0 * Math.pow(gamma, i / stepSize);
            case EXPONENTIAL -> lr0 * Math.pow(gamma, i);
            case COSINE -> minLr + (lr0 - minLr) * (1 + Math.cos(Math.PI * Math.min(i, period) / period)) / 2;
            case TIME_DECAY -> lr0 / (1 + decay * i);
        };
        return Math.max(scheduled, minLr);
    }

    private void applyFor(int epoch, TrainingControl control) {
        if (epoch > control.maxEpochs()) {
            return;
        }
        double next = rate(epoch);
        if (!(next > 0) || !Double.isFinite(next)) {
            if (!warnedNotPositive) {
                warnedNotPositive = true;
                control.log(ID + ": the " + kind.label + " schedule reaches a rate of " + Format.plain(next)
                        + " at epoch " + epoch + "; keeping " + Format.plain(control.learningRate())
                        + ", since a learning rate must be above 0. Give min_lr above 0"
                        + (kind == Kind.COSINE ? " or epochs at least the run's epoch budget." : "."));
            }
            return;
        }
        if (next != control.learningRate()) {
            control.setLearningRate(next);
        }
    }
}
