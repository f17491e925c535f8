package org.cnnworkbench.example;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.api.EpochListener;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.api.TrainingControl;

/**
 * The engine's side of a trial as a callback sees it: runs a listener over given epochs the way
 * the engine does (start, each epoch, end) and keeps what it asked for: metrics per epoch, log
 * lines, stops. Requests a gap logger never makes fail the test.
 */
final class RecordingControl implements TrainingControl {
    final List<EpochMetrics> history = new ArrayList<>();
    /** The metrics the listener recorded, by epoch. */
    final Map<Integer, Map<String, Double>> recorded = new LinkedHashMap<>();
    final List<String> logs = new ArrayList<>();
    final List<String> stops = new ArrayList<>();
    private int epoch;

    /** Runs {@code listener} over epochs with the given losses; {@code losses} alternates loss and val_loss. */
    static RecordingControl train(EpochListener listener, double... losses) {
        List<Map<String, Double>> epochs = new ArrayList<>();
        for (int i = 0; i < losses.length; i += 2) {
            epochs.add(Map.of("loss", losses[i], "val_loss", losses[i + 1]));
        }
        return new RecordingControl().train(listener, epochs);
    }

    /** Runs {@code listener} over epochs with the given metrics. */
    RecordingControl train(EpochListener listener, List<Map<String, Double>> epochs) {
        listener.onTrainStart(this);
        for (Map<String, Double> values : epochs) {
            epoch++;
            EpochMetrics metrics = new EpochMetrics(epoch, values);
            history.add(metrics);
            listener.onEpochEnd(metrics, this);
        }
        listener.onTrainEnd(this);
        return this;
    }

    /** A control that has already run {@code epochs}, as a resumed trial's control has. */
    static RecordingControl resumedAfter(List<Map<String, Double>> epochs) {
        RecordingControl control = new RecordingControl();
        for (Map<String, Double> values : epochs) {
            control.history.add(new EpochMetrics(++control.epoch, values));
        }
        return control;
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
        throw new AssertionError("not expected: setLearningRate(" + learningRate + ")");
    }

    @Override
    public void snapshotWeights(String name) {
        throw new AssertionError("not expected: snapshotWeights(" + name + ")");
    }

    @Override
    public boolean restoreWeights(String name) {
        throw new AssertionError("not expected: restoreWeights(" + name + ")");
    }

    @Override
    public void saveModel(String fileName) {
        throw new AssertionError("not expected: saveModel(" + fileName + ")");
    }

    @Override
    public void recordMetric(String key, double value) {
        recorded.computeIfAbsent(epoch, e -> new LinkedHashMap<>()).put(key, value);
    }

    @Override
    public void recordSummary(String key, Object value) {
        throw new AssertionError("not expected: recordSummary(" + key + ", " + value + ")");
    }

    @Override
    public void log(String message) {
        logs.add(message);
    }
}
