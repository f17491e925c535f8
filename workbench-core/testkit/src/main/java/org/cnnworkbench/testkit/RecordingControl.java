package org.cnnworkbench.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.api.EpochListener;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.api.TrainingControl;

/**
 * The engine's side of a trial, reduced to what a callback can see and ask, for testing a
 * {@link org.cnnworkbench.api.TrainingCallback}'s listener without training: it runs a listener
 * over given epochs the way the engine does (start, each epoch until a stop, end) and records
 * every request in its public fields, refusing the ones the engine refuses. Weights are stood for
 * by the number of the epoch they come from. A rate set during an epoch's end applies from the
 * next epoch, and {@link #lrs} holds the rate each epoch ran with (the engine's {@code lr}).
 */
public final class RecordingControl implements TrainingControl {
    /** A checkpoint the listener saved: after which epoch, under which name. */
    public record Checkpoint(int epoch, String fileName) {
    }

    public final List<EpochMetrics> history = new ArrayList<>();
    public final List<String> stops = new ArrayList<>();
    public final Map<String, Object> summary = new LinkedHashMap<>();
    public final List<String> logs = new ArrayList<>();
    public final Map<String, Integer> snapshots = new LinkedHashMap<>();
    /** The epoch of every snapshot taken, in order. */
    public final List<Integer> snapshotEpochs = new ArrayList<>();
    /** The learning rate each epoch ran with, epoch 1 first. */
    public final List<Double> lrs = new ArrayList<>();
    /** Every rate the listener set, in order. */
    public final List<Double> lrSets = new ArrayList<>();
    public final List<Checkpoint> checkpoints = new ArrayList<>();
    /** The metrics the listener added, by epoch. */
    public final Map<Integer, Map<String, Double>> addedMetrics = new LinkedHashMap<>();
    /** The epoch whose weights the model holds. */
    public int weightsOf;
    private int epoch;
    private int maxEpochs = 100;
    private double learningRate = 1e-3;

    /** Runs {@code listener} over epochs whose {@code key} takes {@code values}, in order. */
    public static RecordingControl run(EpochListener listener, String key, double... values) {
        return new RecordingControl().train(listener, columns(key, values));
    }

    /**
     * Epochs' metrics from columns: {@code columns("loss", new double[] {...}, "val_loss", new double[] {...})};
     * every column has one value per epoch.
     */
    public static List<Map<String, Double>> columns(Object... keysAndValues) {
        List<Map<String, Double>> epochs = new ArrayList<>();
        for (int c = 0; c < keysAndValues.length; c += 2) {
            double[] values = (double[]) keysAndValues[c + 1];
            for (int e = 0; e < values.length; e++) {
                if (epochs.size() <= e) {
                    epochs.add(new LinkedHashMap<>());
                }
                epochs.get(e).put((String) keysAndValues[c], values[e]);
            }
        }
        return epochs;
    }

    /**
     * A control that has already run {@code epochs}, as a resumed trial's control has: they are its
     * history, and the next epoch {@link #train} runs is the one after them.
     */
    public static RecordingControl resumedAfter(List<Map<String, Double>> epochs) {
        RecordingControl control = new RecordingControl();
        for (Map<String, Double> values : epochs) {
            control.epoch++;
            control.weightsOf = control.epoch;
            control.history.add(new EpochMetrics(control.epoch, values));
        }
        return control;
    }

    /** The epoch budget {@link #maxEpochs()} reports (100 unless set). */
    public RecordingControl maxEpochs(int maxEpochs) {
        this.maxEpochs = maxEpochs;
        return this;
    }

    /** The rate in force before training (the file's learning_rate; 0.001 unless set). */
    public RecordingControl learningRate(double learningRate) {
        this.learningRate = learningRate;
        return this;
    }

    /** Runs {@code listener} over the given epochs' metrics, stopping when asked to. */
    public RecordingControl train(EpochListener listener, List<Map<String, Double>> epochs) {
        listener.onTrainStart(this);
        for (Map<String, Double> values : epochs) {
            if (epoch == maxEpochs) {
                break;
            }
            epoch++;
            weightsOf = epoch;
            lrs.add(learningRate);
            EpochMetrics metrics = new EpochMetrics(epoch, values);
            history.add(metrics);
            listener.onEpochEnd(metrics, this);
            if (!stops.isEmpty()) {
                break;
            }
        }
        listener.onTrainEnd(this);
        return this;
    }

    /** The value the listener added for {@code key} in each epoch, epoch 1 first (null where it added none). */
    public List<Double> added(String key) {
        List<Double> values = new ArrayList<>();
        for (int e = 1; e <= epoch; e++) {
            values.add(addedMetrics.getOrDefault(e, Map.of()).get(key));
        }
        return values;
    }

    @Override
    public int epoch() {
        return epoch;
    }

    @Override
    public int maxEpochs() {
        return maxEpochs;
    }

    @Override
    public List<EpochMetrics> history() {
        return List.copyOf(history);
    }

    @Override
    public void stop(String reason) {
        stops.add(reason);
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double learningRate) {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, found " + learningRate);
        }
        this.learningRate = learningRate;
        lrSets.add(learningRate);
    }

    @Override
    public void snapshotWeights(String name) {
        snapshots.put(name, weightsOf);
        snapshotEpochs.add(weightsOf);
    }

    @Override
    public boolean restoreWeights(String name) {
        Integer kept = snapshots.get(name);
        if (kept == null) {
            return false;
        }
        weightsOf = kept;
        return true;
    }

    @Override
    public void saveModel(String fileName) {
        if (fileName == null || fileName.isBlank() || Path.of(fileName).getNameCount() != 1 || fileName.contains("..")) {
            throw new IllegalArgumentException("a checkpoint is saved under a plain file name, found '" + fileName + "'");
        }
        checkpoints.add(new Checkpoint(epoch, fileName));
    }

    @Override
    public void recordMetric(String key, double value) {
        if (key == null || !key.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("metric keys are snake_case, found '" + key + "'");
        }
        addedMetrics.computeIfAbsent(epoch, e -> new LinkedHashMap<>()).put(key, value);
    }

    @Override
    public void recordSummary(String key, Object value) {
        summary.put(key, value);
    }

    @Override
    public void log(String message) {
        logs.add(message);
    }
}
