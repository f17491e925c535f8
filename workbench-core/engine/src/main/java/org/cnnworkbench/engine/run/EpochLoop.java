package org.cnnworkbench.engine.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.api.MetricKeys;
import org.cnnworkbench.engine.network.Network;
import org.cnnworkbench.engine.store.TrialWriter;

/**
 * A trial's epochs, one after the other until the last or a stop: each trains on the training data
 * ({@link TrainingPass}), is validated, shown to the callbacks (their extra metrics join the
 * epoch's), then committed: checkpoint written, epoch recorded, older checkpoints dropped. After a
 * resume the callbacks first see the recorded epochs again, so their state (best value, patience)
 * is as before. After each epoch but the last the hooks may prune the trial.
 */
final class EpochLoop {
    private final String runId;
    private final int epochs;
    private final Network net;
    private final SplitStreams streams;
    private final List<String> classNames;
    private final TrialControl control;
    private final Callbacks callbacks;
    private final TrainingPass pass;
    private final TrainAccuracyListener accuracy;
    private final Checkpoints checkpoints;
    private final Map<String, Object> modelMetadata;
    private final TrialWriter writer;
    private final TrialHooks hooks;
    private final TrainingObserver observer;

    /** The epochs trained (the replayed ones first) and, when the trial was pruned, why. */
    record Outcome(List<EpochMetrics> epochs, String pruned) {
    }

    EpochLoop(String runId, int epochs, Network net, SplitStreams streams, List<String> classNames,
              TrialControl control, Callbacks callbacks, TrainingPass pass, TrainAccuracyListener accuracy, Checkpoints checkpoints, Map<String, Object> modelMetadata, TrialWriter writer, TrialHooks hooks,
              TrainingObserver observer) {
        this.runId = runId;
        this.epochs = epochs;
        this.net = net;
        this.streams = streams;
        this.classNames = classNames;
        this.control = control;
        this.callbacks = callbacks;
        this.pass = pass;
        this.accuracy = accuracy;
        net.setListeners(accuracy);
        this.checkpoints = checkpoints;
        this.modelMetadata = modelMetadata;
        this.writer = writer;
        this.hooks = hooks;
        this.observer = observer;
    }

    Outcome run(ResumePoint resume) {
        List<EpochMetrics> done = new ArrayList<>(replay(resume.replayed()));
        for (int epoch = resume.firstEpoch(); epoch <= epochs && control.stopReason() == null; epoch++) {
            EpochMetrics metrics = train(epoch);
            if (resume.isNew(epoch)) {
                checkpoints.write(net, epoch, modelMetadata);
                writer.recordEpoch(epoch, metrics.values());
                checkpoints.committed(epoch);
            }
            done.add(metrics);
            // Pruning saves the epochs still to come: after the last one there is nothing to save, and a
            // completed trial keeps its test evaluation.
            Optional<String> prune = epoch < epochs && control.stopReason() == null
                    ? hooks.prune(runId, metrics) : Optional.empty();
            if (prune.isPresent()) {
                control.stop("pruned: " + prune.get());
                return new Outcome(done, prune.get());
            }
        }
        return new Outcome(done, null);
    }

    /** Callbacks see the recorded epochs again, so their state (best value, patience) is as before the crash. */
    private List<EpochMetrics> replay(List<EpochMetrics> recorded) {
        control.replaying(true);
        for (EpochMetrics metrics : recorded) {
            control.epochFinished(metrics);
            callbacks.epochEnded(metrics);
            control.takeExtraMetrics();
        }
        control.replaying(false);
        return recorded;
    }

    private EpochMetrics train(int epoch) {
        double lr = control.learningRate();
        TrainingPass.Result trained = pass.run(epoch, epochs);
        net.incrementEpochCount();
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(MetricKeys.LOSS, trained.meanLoss());
        values.put(MetricKeys.ACCURACY, accuracy.accuracyAndReset());
        if (streams.validation() != null) {
            Scorer.Score score = Scorer.score(net, streams.validation().inOrder(), classNames, false);
            values.put(MetricKeys.VAL_LOSS, score.loss());
            values.put(MetricKeys.VAL_ACCURACY, score.accuracy());
        }
        values.put(MetricKeys.LR, lr);
        values.put(MetricKeys.EPOCH_SECONDS, trained.seconds());
        values.put(MetricKeys.SAMPLES_PER_SECOND, trained.samples() / trained.seconds());
        EpochMetrics metrics = new EpochMetrics(epoch, values);
        control.epochFinished(metrics);
        observer.epochFinished(metrics);
        callbacks.epochEnded(metrics);
        Map<String, Double> extra = control.takeExtraMetrics();
        if (extra.isEmpty()) {
            return metrics;
        }
        Map<String, Double> all = new LinkedHashMap<>(values);
        all.putAll(extra);
        return new EpochMetrics(epoch, all);
    }
}
