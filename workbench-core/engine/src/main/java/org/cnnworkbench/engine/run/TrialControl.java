package org.cnnworkbench.engine.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.api.TrainingControl;
import org.cnnworkbench.engine.network.Network;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The engine's side of {@link TrainingControl} for one trial: applies callbacks' requests to the
 * network (learning rate, weight snapshots, checkpoints) and collects their metrics and summary
 * values for the record.
 */
final class TrialControl implements TrainingControl {
    /** Saves the network under a file name as an artifact of the run. */
    interface CheckpointWriter {
        void save(String fileName);
    }

    private final Network net;
    private final int maxEpochs;
    private final List<EpochMetrics> history = new ArrayList<>();
    private final Map<String, INDArray> snapshots = new HashMap<>();
    private final Map<String, Double> extraMetrics = new LinkedHashMap<>();
    private final Map<String, Object> summary = new LinkedHashMap<>();
    private final Consumer<String> log;
    private final CheckpointWriter checkpoints;
    private int epoch;
    private String stopReason;
    private Double learningRateOverride;
    private String speaker = "engine";
    private boolean replaying;

    TrialControl(Network net, int maxEpochs, Consumer<String> log, CheckpointWriter checkpoints) {
        this.net = net;
        this.maxEpochs = maxEpochs;
        this.log = log;
        this.checkpoints = checkpoints;
    }

    void epochFinished(EpochMetrics metrics) {
        epoch = metrics.epoch();
        history.add(metrics);
    }

    /**
     * While replaying, callbacks see recorded epochs again to rebuild their state after a resume:
     * their messages and saved files are dropped (they happened the first time).
     */
    void replaying(boolean replaying) {
        this.replaying = replaying;
    }

    /** Metrics callbacks added during the current epoch's calls; cleared by the call. */
    Map<String, Double> takeExtraMetrics() {
        Map<String, Double> taken = new LinkedHashMap<>(extraMetrics);
        extraMetrics.clear();
        return taken;
    }

    /**
     * Names the callback whose calls follow, so that its summary values are kept apart from other
     * callbacks' (two callbacks may both record a {@code best_epoch}).
     */
    void speaking(String callback) {
        speaker = callback;
    }

    String stopReason() {
        return stopReason;
    }

    Map<String, Object> summary() {
        return summary;
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
        if (stopReason == null) {
            stopReason = reason == null || reason.isBlank() ? "stopped by a callback" : reason;
        }
    }

    @Override
    public double learningRate() {
        if (learningRateOverride != null) {
            return learningRateOverride;
        }
        return net.learningRate();
    }

    @Override
    public void setLearningRate(double learningRate) {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, found " + learningRate);
        }
        net.setLearningRate(learningRate);
        learningRateOverride = learningRate;
    }

    @Override
    public void snapshotWeights(String name) {
        snapshots.put(name, net.params().dup());
    }

    @Override
    public boolean restoreWeights(String name) {
        INDArray snapshot = snapshots.get(name);
        if (snapshot == null) {
            return false;
        }
        net.setParams(snapshot.dup());
        recordSummary("restored_weights", name);
        return true;
    }

    @Override
    public void saveModel(String fileName) {
        if (fileName == null || fileName.isBlank() || Path.of(fileName).getNameCount() != 1 || fileName.contains("..")) {
            throw new IllegalArgumentException("a checkpoint is saved under a plain file name, found '" + fileName + "'");
        }
        if (!replaying) {
            checkpoints.save(fileName);
        }
    }

    @Override
    public void recordMetric(String key, double value) {
        if (key == null || !key.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("metric keys are snake_case, found '" + key + "'");
        }
        extraMetrics.put(key, value);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void recordSummary(String key, Object value) {
        ((Map<String, Object>) summary.computeIfAbsent(speaker, k -> new LinkedHashMap<String, Object>())).put(key, value);
    }

    @Override
    public void log(String message) {
        if (!replaying) {
            log.accept(message);
        }
    }
}
