package org.cnnworkbench.app.text;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.api.MetricKeys;
import org.cnnworkbench.engine.nd4j.Backend;
import org.cnnworkbench.engine.run.ModelSummary;
import org.cnnworkbench.engine.run.TrainingObserver;

/**
 * What {@code workbench run} shows while training: the run id first, a progress bar per epoch
 * (batches, running loss, ETA) on the terminal's error stream when it is interactive, and a
 * one-line summary per epoch on standard output.
 */
public final class ProgressView implements TrainingObserver {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean bars;
    private ProgressBar bar;
    private int epochs;

    public ProgressView(PrintStream out, PrintStream err, boolean bars) {
        this.out = out;
        this.err = err;
        this.bars = bars;
    }

    @Override
    public void message(String line) {
        closeBar();
        out.println(line);
    }

    @Override
    public void started(String runId, ModelSummary summary, int train, int validation, int test) {
        out.println(runId);
        out.printf("Run %s: %,d parameters (%,d trainable); %,d training, %,d validation, %,d test samples%n",
                runId, summary.totalParams(), summary.trainableParams(), train, validation, test);
        out.println(Backend.summaryLine());
        out.flush();
    }

    @Override
    public void epochStarted(int epoch, int epochs, int batches) {
        this.epochs = epochs;
        if (bars) {
            bar = new ProgressBarBuilder().setTaskName(String.format("Epoch %d/%d", epoch, epochs)).setInitialMax(batches)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).setUnit(" batches", 1)
                    .setConsumer(new ConsoleProgressBarConsumer(err)).setMaxRenderedLength(100).build();
        }
    }

    @Override
    public void batchFinished(int batch, double meanLoss) {
        if (bar != null) {
            bar.stepTo(batch);
            bar.setExtraMessage(String.format("loss %.4f", meanLoss));
        }
    }

    @Override
    public void epochFinished(EpochMetrics m) {
        closeBar();
        StringBuilder line = new StringBuilder(String.format("Epoch %d/%d", m.epoch(), epochs));
        for (String key : new String[] {MetricKeys.LOSS, MetricKeys.ACCURACY, MetricKeys.VAL_LOSS, MetricKeys.VAL_ACCURACY}) {
            m.get(key).ifPresent(v -> line.append(String.format("  %s %.4f", key, v)));
        }
        m.get(MetricKeys.EPOCH_SECONDS).ifPresent(v -> line.append(String.format("  time %s", seconds(v))));
        m.get(MetricKeys.SAMPLES_PER_SECOND).ifPresent(v -> line.append(String.format("  (%,.0f samples/s)", v)));
        out.println(line);
        out.flush();
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    public static String seconds(double s) {
        return s < 60 ? String.format("%.1fs", s) : Duration.ofMillis((long) (s * 1000)).toString().substring(2).toLowerCase();
    }
}
