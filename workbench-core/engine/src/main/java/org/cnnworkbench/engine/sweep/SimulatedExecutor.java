package org.cnnworkbench.engine.sweep;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.api.MetricKeys;
import org.cnnworkbench.engine.Json;
import org.cnnworkbench.engine.run.TrialHooks;
import org.cnnworkbench.engine.run.TrialInterruptedException;
import org.cnnworkbench.engine.spec.ExperimentSpec;
import org.cnnworkbench.engine.store.ClaimedTrial;
import org.cnnworkbench.engine.store.NewRun;
import org.cnnworkbench.engine.store.RunOutcome;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.TrialWriter;

/**
 * Records a trial's epochs without training: each epoch's metrics are a smooth function of the
 * trial's learning rate and seed, after an optional pause. For measuring the sweep machinery's
 * own cost (claims, heartbeats, records, pruning) and for testing it with many workers; every
 * write goes through the same store calls a trained trial makes. Not a way to run experiments.
 */
public final class SimulatedExecutor implements TrialExecutor {
    private final int epochs;
    private final long epochMillis;

    public SimulatedExecutor(int epochs, long epochMillis) {
        this.epochs = epochs;
        this.epochMillis = epochMillis;
    }

    @Override
    public RunStatus execute(ClaimedTrial trial, TrialWriter writer, ExperimentSpec spec, TrialHooks hooks) {
        writer.describe(new NewRun(spec.name(), Json.write(spec.resolved()), Json.write(spec.overrides()),
                spec.training().seed(), "{\"simulated\": true}", spec.file() == null ? null : spec.file().toString()));
        double lr = spec.training().learningRate();
        double quality = 1.0 / (1.0 + Math.pow(Math.log10(lr) + 2.5, 2)) - 0.01 * (trial.seed() % 3);
        for (int epoch = trial.recordedEpochs() + 1; epoch <= epochs; epoch++) {
            if (epochMillis > 0) {
                try {
                    Thread.sleep(epochMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            TrialHooks.Interruption stop = hooks.interruption();
            if (stop != null) {
                throw new TrialInterruptedException(trial.id(), stop);
            }
            double progress = 1 - Math.exp(-epoch / 2.0);
            Map<String, Double> values = new LinkedHashMap<>();
            values.put(MetricKeys.LOSS, 2.3 * (1 - progress * quality));
            values.put(MetricKeys.ACCURACY, 0.1 + 0.85 * progress * quality);
            values.put(MetricKeys.VAL_LOSS, 2.3 * (1 - 0.95 * progress * quality));
            values.put(MetricKeys.VAL_ACCURACY, 0.1 + 0.8 * progress * quality);
            writer.recordEpoch(epoch, values);
            var prune = epoch < epochs ? hooks.prune(trial.id(), new EpochMetrics(epoch, values)) : java.util.Optional.<String>empty();
            if (prune.isPresent()) {
                writer.finish(new RunOutcome(RunStatus.PRUNED, null, null, "{}", null, prune.get()));
                return RunStatus.PRUNED;
            }
        }
        writer.finish(new RunOutcome(RunStatus.COMPLETED, null, null, "{}", null, null));
        return RunStatus.COMPLETED;
    }
}
