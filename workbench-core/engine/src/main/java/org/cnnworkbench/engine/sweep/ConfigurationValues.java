package org.cnnworkbench.engine.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import org.cnnworkbench.engine.store.RunDetail;
import org.cnnworkbench.engine.store.RunReads;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.SweepReads;
import org.cnnworkbench.engine.store.TrialRow;
import org.cnnworkbench.sweep.Objective;

/**
 * Each finished configuration's value of every objective of a multi-objective sweep, for its strategy:
 * the mean over the configuration's completed trials (its repeats) of {@link SweepObjectives#values};
 * NaN where no completed trial has the value. A configuration that has finished does not change, so
 * its values are read once.
 */
final class ConfigurationValues implements IntFunction<List<Double>> {
    private final SweepReads sweeps;
    private final RunReads runs;
    private final String sweepId;
    private final List<Objective> objectives;
    private final Map<Integer, List<Double>> known = new ConcurrentHashMap<>();

    ConfigurationValues(SweepReads sweeps, RunReads runs, String sweepId, List<Objective> objectives) {
        this.sweeps = sweeps;
        this.runs = runs;
        this.sweepId = sweepId;
        this.objectives = List.copyOf(objectives);
    }

    @Override
    public List<Double> apply(int configuration) {
        List<Double> cached = known.get(configuration);
        if (cached != null) {
            return cached;
        }
        List<TrialRow> trials = sweeps.findSweep(sweepId).map(d -> d.trials()).orElse(List.of()).stream()
                .filter(t -> t.configuration() == configuration && t.status() == RunStatus.COMPLETED).toList();
        boolean params = objectives.stream().anyMatch(o -> o.metric().equals(Objective.TOTAL_PARAMS));
        double[] sums = new double[objectives.size()];
        int[] counts = new int[objectives.size()];
        for (TrialRow t : trials) {
            List<Double> values = SweepObjectives.values(objectives, runs.epochs(t.id()),
                    params ? runs.findRun(t.id()).map(RunDetail::resultJson).orElse(null) : null);
            for (int i = 0; i < values.size(); i++) {
                Double v = values.get(i);
                if (v != null && Double.isFinite(v)) {
                    sums[i] += v;
                    counts[i]++;
                }
            }
        }
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < sums.length; i++) {
            out.add(counts[i] == 0 ? Double.NaN : sums[i] / counts[i]);
        }
        if (!trials.isEmpty()) {
            known.put(configuration, List.copyOf(out));
        }
        return out;
    }
}
