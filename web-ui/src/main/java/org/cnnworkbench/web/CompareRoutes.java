package org.cnnworkbench.web;

import static org.cnnworkbench.web.ApiError.Status.BAD_REQUEST;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.engine.analysis.RepeatGroups;
import org.cnnworkbench.engine.analysis.Welch;
import org.cnnworkbench.engine.json.RunExport;
import org.cnnworkbench.engine.json.RunJson;
import org.cnnworkbench.engine.store.RunDetail;

/**
 * The compare page's route, {@code /api/compare?ids=}: several runs side by side, their summaries,
 * the parameters (which differ), the final metrics, seed repeats grouped into bands and whether two
 * configurations differ by more than the seed noise.
 */
record CompareRoutes(WebSources sources, Lookups lookups) implements PageRoutes {
    /** Runs a compare page takes at most. */
    static final int MAX_COMPARE = 20;

    @Override
    public void register(Javalin app) {
        app.get("/api/compare", this::compare);
    }

    private void compare(Context ctx) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(Params.query(ctx).list("ids")));
        if (ids.isEmpty()) {
            throw BAD_REQUEST.error("ids: give the runs to compare, e.g. ?ids=r3,r7");
        }
        if (ids.size() > MAX_COMPARE) {
            throw BAD_REQUEST.error("at most " + MAX_COMPARE + " runs can be compared, found " + ids.size());
        }
        List<Map<String, Object>> runs = new ArrayList<>();
        List<Map<String, Object>> flat = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        Map<String, List<EpochMetrics>> curves = new LinkedHashMap<>();
        for (String id : ids) {
            RunDetail run = lookups.run(id);
            List<EpochMetrics> epochs = sources.runs().epochs(id);
            curves.put(id, epochs);
            Map<String, Object> m = new LinkedHashMap<>(RunJson.summary(run.summary()));
            m.put("seed", run.seed());
            m.put("final", epochs.isEmpty() ? Map.of() : epochs.get(epochs.size() - 1).values());
            m.put("test_loss", run.testLoss());
            runs.add(m);
            Map<String, Object> f = RunExport.flatten(RunJson.tree(run.configJson()));
            flat.add(f);
            keys.addAll(f.keySet());
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("runs", runs);
        doc.put("params", parameterRows(keys, flat));
        List<RepeatGroups.Run> grouping = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            grouping.add(new RepeatGroups.Run(ids.get(i), flat.get(i)));
        }
        List<RepeatGroups.Group> groups = RepeatGroups.of(grouping);
        Set<String> metricKeys = new LinkedHashSet<>();
        curves.values().forEach(list -> list.forEach(e -> metricKeys.addAll(e.values().keySet())));
        doc.put("groups", groupDocs(groups, curves, metricKeys));
        doc.put("significance", significance(groups, curves, metricKeys));
        ctx.json(doc);
    }

    private static List<Map<String, Object>> parameterRows(Set<String> keys, List<Map<String, Object>> flat) {
        List<Map<String, Object>> params = new ArrayList<>();
        for (String key : keys) {
            List<Object> values = new ArrayList<>();
            for (Map<String, Object> f : flat) {
                values.add(f.get(key));
            }
            boolean differs = values.stream().map(v -> v == null ? "\u0000" : v.toString()).distinct().count() > 1;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", key);
            row.put("values", values);
            row.put("differs", differs);
            params.add(row);
        }
        return params;
    }

    private static List<Map<String, Object>> groupDocs(List<RepeatGroups.Group> groups, Map<String, List<EpochMetrics>> curves,
                                                       Set<String> metricKeys) {
        List<Map<String, Object>> groupDocs = new ArrayList<>();
        for (RepeatGroups.Group g : groups) {
            Map<String, Object> gd = new LinkedHashMap<>();
            gd.put("label", g.label());
            gd.put("runs", g.runs());
            Map<String, Object> bands = new LinkedHashMap<>();
            if (g.runs().size() > 1) {
                for (String key : metricKeys) {
                    List<Map<Integer, Double>> perRun = new ArrayList<>();
                    for (String id : g.runs()) {
                        Map<Integer, Double> c = new LinkedHashMap<>();
                        curves.get(id).forEach(e -> c.put(e.epoch(), e.values().get(key)));
                        perRun.add(c);
                    }
                    bands.put(key, RepeatGroups.bands(perRun));
                }
            }
            gd.put("curves", bands);
            groupDocs.add(gd);
        }
        return groupDocs;
    }

    /** Welch's test and a bootstrap interval between every two groups that both have repeats, on the final metric. */
    private static List<Map<String, Object>> significance(List<RepeatGroups.Group> groups, Map<String, List<EpochMetrics>> curves,
                                                          Set<String> metricKeys) {
        String metric = metricKeys.contains("val_accuracy") ? "val_accuracy" : metricKeys.contains("val_loss") ? "val_loss"
                : metricKeys.contains("loss") ? "loss" : null;
        List<Map<String, Object>> out = new ArrayList<>();
        List<RepeatGroups.Group> repeated = groups.stream().filter(g -> g.runs().size() > 1).toList();
        if (metric == null || groups.size() < 2) {
            return out;
        }
        for (int i = 0; i < groups.size() && out.size() < 10; i++) {
            for (int j = i + 1; j < groups.size() && out.size() < 10; j++) {
                RepeatGroups.Group a = groups.get(i);
                RepeatGroups.Group b = groups.get(j);
                if (!repeated.contains(a) && !repeated.contains(b)) {
                    continue;
                }
                Welch w = Welch.test(finals(a, curves, metric), finals(b, curves, metric), 42);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("a", label(a));
                m.put("b", label(b));
                m.put("metric", "final " + metric);
                m.put("test", w);
                m.put("verdict", w.verdict());
                out.add(m);
            }
        }
        return out;
    }

    private static String label(RepeatGroups.Group g) {
        return g.label() + " (" + g.runs().size() + " run" + (g.runs().size() == 1 ? "" : "s") + ")";
    }

    private static double[] finals(RepeatGroups.Group g, Map<String, List<EpochMetrics>> curves, String metric) {
        return g.runs().stream().mapToDouble(id -> {
            List<EpochMetrics> e = curves.get(id);
            Double v = e.isEmpty() ? null : e.get(e.size() - 1).values().get(metric);
            return v == null ? Double.NaN : v;
        }).toArray();
    }
}
