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
        // Sized for its fields and the sweep page's additions (overfitting, objectives): no rehashing.
        Map<String, Object> m = new LinkedHashMap<>(32);
        m.put("id", t.id());
        m.put("number", t.number());
        m.put("configuration", t.configuration());
        m.put("repeat", t.repeat());
        m.put("status", t.status().label());
        Map<String, Object> params = new LinkedHashMap<>(Math.max(4, 2 * t.params().size()));
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

    /**
     * A stored parameter value (JSON text) as the object Jackson reads from it. The scalars sweeps record
     * (small integers, decimals, plain strings, booleans, null) are read directly, giving the same
     * Integer, Double, String or Boolean Jackson would, since a sweep page reads tens of thousands of
     * them; anything else (escapes, big integers, lists, maps, malformed text) goes through Jackson.
     */
    static Object decode(String json) {
        if (json != null) {
            Object fast = scalar(json);
            if (fast != NOT_SCALAR) {
                return fast;
            }
        }
        return jackson(json);
    }

    private static final Object NOT_SCALAR = new Object();

    private static Object scalar(String s) {
        int n = s.length();
        if (n == 0) {
            return NOT_SCALAR;
        }
        char c = s.charAt(0);
        if (c == '"') {
            if (n < 2 || s.charAt(n - 1) != '"') {
                return NOT_SCALAR;
            }
            for (int i = 1; i < n - 1; i++) {
                char x = s.charAt(i);
                if (x == '"' || x == '\\' || x < 0x20 || Character.isSurrogate(x)) {
                    return NOT_SCALAR;
                }
            }
            return s.substring(1, n - 1);
        }
        switch (s) {
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            case "null":
                return null;
            default:
                break;
        }
        // A JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
        int i = c == '-' ? 1 : 0;
        int intStart = i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        int intDigits = i - intStart;
        if (intDigits == 0 || (intDigits > 1 && s.charAt(intStart) == '0')) {
            return NOT_SCALAR;
        }
        if (i == n) {
            return intDigits <= 9 ? (Object) Integer.valueOf(Integer.parseInt(s)) : NOT_SCALAR;
        }
        if (s.charAt(i) == '.') {
            int from = ++i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == from) {
                return NOT_SCALAR;
            }
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int from = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == from) {
                return NOT_SCALAR;
            }
        }
        return i == n ? (Object) Double.valueOf(Double.parseDouble(s)) : NOT_SCALAR;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static Object jackson(String json) {
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
