package org.cnnworkbench.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.engine.Json;
import org.cnnworkbench.engine.store.RunDetail;
import org.cnnworkbench.engine.store.RunReads;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.SweepDetail;
import org.cnnworkbench.engine.store.TrialRow;
import org.cnnworkbench.sweep.Objective;
import org.cnnworkbench.sweep.Pareto;
import org.cnnworkbench.sweep.SweepSpec;

/**
 * The value of each of a sweep's objectives for its trials, and its Pareto-optimal trials. A metric
 * counts as the objective says (best or last epoch, finite values only); {@code total_params} is the
 * model's parameter count from the trial's result (known once the trial completed). With a single
 * objective the stored trial objective is used, without reading any epoch.
 */
public final class SweepObjectives {
    private SweepObjectives() {
    }

    /**
     * @param byTrial each trial's values in the order of the file's objectives (null where missing)
     * @param pareto  the ids of the completed trials no other completed trial dominates, in trial order
     */
    public record Report(List<Objective> objectives, Map<String, List<Double>> byTrial, List<String> pareto) {
        /** The objectives as JSON-ready maps: metric, direction, over. */
        public List<Map<String, String>> objectivesJson() {
            return objectives.stream().map(o -> Map.of("metric", o.metric(), "direction", o.direction().label(),
                    "over", o.over().label())).toList();
        }
    }

    /** The objectives of a stored sweep (its {@code objectives:}, or its one {@code objective}). */
    public static List<Objective> of(String specJson) {
        try {
            JsonNode section = Json.MAPPER.readTree(specJson).get("sweep");
            List<String> problems = new ArrayList<>();
            SweepSpec spec = SweepSpec.parse(section, "/sweep", (at, message) -> problems.add(at + ": " + message));
            if (spec == null) {
                throw new IllegalStateException("the stored sweep section no longer parses: " + problems);
            }
            return spec.objectives();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the stored sweep definition is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** One trial's values: each objective from the recorded epochs, {@code total_params} from the result JSON. */
    public static List<Double> values(List<Objective> objectives, List<EpochMetrics> epochs, String resultJson) {
        List<Map<String, Double>> curve = epochs.stream().map(EpochMetrics::values).toList();
        List<Double> out = new ArrayList<>();
        for (Objective o : objectives) {
            if (o.metric().equals(Objective.TOTAL_PARAMS)) {
                out.add(totalParams(resultJson));
            } else {
                var v = o.value(curve);
                out.add(v.isPresent() ? v.getAsDouble() : null);
            }
        }
        return out;
    }

    private static Double totalParams(String resultJson) {
        if (resultJson == null || resultJson.isBlank()) {
            return null;
        }
        try {
            JsonNode total = Json.MAPPER.readTree(resultJson).at("/model_summary/total_params");
            return total.isNumber() ? total.doubleValue() : null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    /** Values of every trial of the sweep and its Pareto front (completed trials with every value). */
    public static Report report(SweepDetail detail, RunReads runs) {
        List<Objective> objectives = of(detail.specJson());
        Function<TrialRow, List<Double>> valuesOf = objectives.size() == 1
                ? t -> java.util.Collections.singletonList(t.objective())
                : t -> values(objectives, runs.epochs(t.id()),
                        objectives.stream().anyMatch(o -> o.metric().equals(Objective.TOTAL_PARAMS))
                                ? runs.findRun(t.id()).map(RunDetail::resultJson).orElse(null) : null);
        Map<String, List<Double>> byTrial = new LinkedHashMap<>();
        List<String> completed = new ArrayList<>();
        List<double[]> points = new ArrayList<>();
        for (TrialRow t : detail.trials()) {
            List<Double> values = valuesOf.apply(t);
            byTrial.put(t.id(), values);
            if (t.status() == RunStatus.COMPLETED && values.stream().allMatch(v -> v != null && Double.isFinite(v))) {
                completed.add(t.id());
                points.add(Pareto.losses(objectives, values));
            }
        }
        List<String> pareto = Pareto.front(points).stream().map(completed::get).toList();
        return new Report(objectives, byTrial, pareto);
    }
}
