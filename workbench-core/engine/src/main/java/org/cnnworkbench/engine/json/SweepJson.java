package org.cnnworkbench.engine.json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.Json;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.SweepDetail;
import org.cnnworkbench.engine.store.SweepSummary;
import org.cnnworkbench.engine.store.TrialRow;
import org.cnnworkbench.engine.store.WorkerRow;

/**
 * Sweeps as JSON documents (snake_case), the same for {@code sweeps --json}, {@code sweep-status --json}
 * and the web API.
 */
public final class SweepJson {
    private SweepJson() {
    }

    /** A sweep with its trials and workers. */
    public static Map<String, Object> of(SweepDetail detail) {
        Map<String, Object> m = summary(detail.summary());
        m.put("trials", detail.trials().stream().map(SweepJson::trial).toList());
        m.put("workers", detail.workers().stream().map(SweepJson::worker).toList());
        m.put("launched_by", launchedBy(detail.specJson()));
        return m;
    }

    /** Who started the sweep, from its stored definition ({@code cli} for sweeps recorded before it was kept). */
    private static String launchedBy(String specJson) {
        if (specJson == null) {
            return "cli";
        }
        try {
            return org.cnnworkbench.engine.Json.MAPPER.readTree(specJson).path("launched_by").asText("cli");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "cli";
        }
    }

    /**
     * As {@link #of(SweepDetail)}, with the sweep's {@code objectives} (metric, direction, over, in the
     * file's order), each trial's {@code objectives} (its values in that order, null where missing) and
     * {@code pareto}: the ids of the Pareto-optimal completed trials.
     */
    public static Map<String, Object> of(SweepDetail detail, List<Map<String, String>> objectives,
                                         Map<String, List<Double>> valuesByTrial, List<String> pareto) {
        Map<String, Object> m = of(detail);
        m.put("objectives", objectives);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> trials = (List<Map<String, Object>>) m.get("trials");
        for (Map<String, Object> t : trials) {
            t.put("objectives", valuesByTrial.getOrDefault((String) t.get("id"), List.of()));
        }
        m.put("pareto", pareto);
        return m;
    }

    /** A sweep's row: state, strategy, objective, budget, counts, best. */
    public static Map<String, Object> summary(SweepSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("experiment", s.experiment());
        m.put("status", s.state().label());
        m.put("reason", s.reason());
        m.put("strategy", s.strategy());
        m.put("objective", Map.of("metric", s.objectiveMetric(), "direction", s.direction(),
                "over", s.objectiveOver() == null ? "best" : s.objectiveOver()));
        Map<String, Object> budget = new LinkedHashMap<>();
        budget.put("trials", s.budgetTrials());
        budget.put("max_minutes", s.budgetMinutes());
        m.put("budget", budget);
        m.put("parallelism", s.parallelism());
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (RunStatus status : RunStatus.values()) {
            if (status == RunStatus.INTERRUPTED) {
                continue;   // only runs outside sweeps are shown interrupted
            }
            counts.put(status.label(), s.count(status));
        }
        m.put("counts", counts);
        m.put("best_objective", s.best());
        m.put("best_trial", s.bestTrialId());
        m.put("created_at", s.createdAt());
        m.put("started_at", s.startedAt());
        m.put("ended_at", s.endedAt());
        return m;
    }

    private static Map<String, Object> trial(TrialRow t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("number", t.number());
        m.put("configuration", t.configuration());
        m.put("repeat", t.repeat());
        m.put("status", t.status().label());
        Map<String, Object> params = new LinkedHashMap<>();
        t.params().forEach((k, v) -> params.put(k, decode(v)));
        m.put("params", params);
        m.put("epochs", t.epochs());
        m.put("objective", t.objective());
        m.put("attempts", t.attempts());
        m.put("worker", t.workerId());
        m.put("reason", t.reason());
        m.put("heartbeat_at", t.heartbeatAt());
        m.put("started_at", t.startedAt());
        m.put("ended_at", t.endedAt());
        return m;
    }

    private static Map<String, Object> worker(WorkerRow w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", w.id());
        m.put("host", w.host());
        m.put("pid", w.pid());
        m.put("device", w.device());
        m.put("threads", w.threads());
        m.put("job_id", w.jobId());
        m.put("state", w.state());
        m.put("trial", w.trialId());
        m.put("started_at", w.startedAt());
        m.put("last_seen_at", w.lastSeenAt());
        return m;
    }

    private static Object decode(String json) {
        try {
            return Json.MAPPER.readValue(json, Object.class);
        } catch (Exception e) {
            return json;
        }
    }

    public static List<Map<String, Object>> all(List<SweepDetail> details) {
        return details.stream().map(SweepJson::of).toList();
    }
}
