package org.cnnworkbench.plugins.callbacks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.api.EpochListener;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.api.TrainingControl;

/**
 * The engine's side of a trial, reduced to what a callback can see and ask: it runs a listener
 * over given epochs the way the engine does (start, each epoch until a stop, end) and records
 * every request. Weights are stood for by the number of the epoch they come from.
 */
final class RecordingControl implements TrainingControl {
    final List<EpochMetrics> history = new ArrayList<>();
    final List<String> stops = new ArrayList<>();
    final Map<String, Object> summary = new LinkedHashMap<>();
    final List<String> logs = new ArrayList<>();
    final Map<String, Integer> snapshots = new LinkedHashMap<>();
    /** The epoch of every snapshot taken, in order. */
    final List<Integer> snapshotEpochs = new ArrayList<>();
    /** The epoch whose weights the model holds. */
    int weightsOf;
    private int epoch;

    /** Runs {@code listener} over epochs whose {@code key} takes {@code values}, in order. */
    static RecordingControl run(EpochListener listener, String key, double... values) {
        List<Map<String, Double>> epochs = new ArrayList<>();
        for (double value : values) {
            epochs.add(Map.of(key, value));
        }
        return new RecordingControl().train(listener, epochs);
    }

    /** Runs {@code listener} over the given epochs' metrics, stopping when asked to. */
    RecordingControl train(EpochListener listener, List<Map<String, Double>> epochs) {
        listener.onTrainStart(this);
        for (Map<String, Double> values : epochs) {
            epoch++;
            weightsOf = epoch;
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

    @Override
    public int epoch() {
        return epoch;
    }

    @Override
    public int maxEpochs() {
        return 100;
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
        return 1e-3;
    }

    @Override
    public void setLearningRate(double learningRate) {
        throw new UnsupportedOperationException("early stopping does not change the learning rate");
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
        throw new UnsupportedOperationException("early stopping saves no model");
    }

    @Override
    public void recordMetric(String key, double value) {
        throw new UnsupportedOperationException("early stopping records no metric");
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
