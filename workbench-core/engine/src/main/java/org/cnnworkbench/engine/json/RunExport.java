package org.cnnworkbench.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.engine.store.RunDetail;
import org.cnnworkbench.engine.store.RunReads;

/**
 * Runs exported for analysis elsewhere (pandas, R, a spreadsheet), by {@code ./workbench export} and the
 * dashboard's export links: JSON with everything (summary, flattened parameters, per-epoch metrics),
 * or CSV, either one row per run (parameters and final metrics as columns) or one row per epoch.
 */
public final class RunExport {
    private RunExport() {
    }

    /** The runs as one JSON document: {@code {"runs": [{...summary, params: {path: value}, epochs: [...]}]}}. */
    public static Map<String, Object> json(RunReads store, List<String> runIds) {
        List<Map<String, Object>> runs = new ArrayList<>();
        for (String id : runIds) {
            RunDetail run = store.findRun(id).orElseThrow(() -> new IllegalArgumentException("no run " + id));
            List<EpochMetrics> epochs = store.epochs(id);
            Map<String, Object> m = new LinkedHashMap<>(RunJson.summary(run.summary()));
            m.put("seed", run.seed());
            m.put("test_loss", run.testLoss());
            m.put("params", flatten(RunJson.tree(run.configJson())));
            m.put("epochs", RunJson.epochRows(epochs));
            m.put("error", run.error() == null ? null : run.error().lines().findFirst().orElse(""));
            runs.add(m);
        }
        return Map.of("runs", runs);
    }

    /**
     * One CSV row per run: its summary, its note ({@code notes} by run id; empty where none), every parameter
     * (dotted paths) and its last epoch's metrics.
     */
    public static void runsCsv(RunReads store, List<String> runIds, Map<String, String> notes, Writer out) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Set<String> columns = new LinkedHashSet<>(List.of("id", "experiment", "sweep_id", "status", "epochs", "seed",
                "best_val_accuracy", "test_accuracy", "test_loss", "duration_seconds", "note"));
        Set<String> params = new LinkedHashSet<>();
        Set<String> metrics = new LinkedHashSet<>();
        for (String id : runIds) {
            RunDetail run = store.findRun(id).orElseThrow(() -> new IllegalArgumentException("no run " + id));
            List<EpochMetrics> epochs = store.epochs(id);
            Map<String, Object> row = new LinkedHashMap<>(RunJson.summary(run.summary()));
            row.put("seed", run.seed());
            row.put("test_loss", run.testLoss());
            row.put("note", notes.get(id));
            flatten(RunJson.tree(run.configJson())).forEach((k, v) -> {
                params.add("param." + k);
                row.put("param." + k, v);
            });
            if (!epochs.isEmpty()) {
                epochs.get(epochs.size() - 1).values().forEach((k, v) -> {
                    metrics.add("final." + k);
                    row.put("final." + k, v);
                });
            }
            rows.add(row);
        }
        columns.addAll(params);
        columns.addAll(metrics);
        write(out, new ArrayList<>(columns), rows);
    }

    /** One CSV row per recorded epoch of every run: run id, epoch, then each metric. */
    public static void epochsCsv(RunReads store, List<String> runIds, Writer out) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Set<String> columns = new LinkedHashSet<>(List.of("id", "epoch"));
        for (String id : runIds) {
            for (Map<String, Object> epoch : RunJson.epochRows(store.epochs(id))) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", id);
                row.putAll(epoch);
                columns.addAll(epoch.keySet());
                rows.add(row);
            }
        }
        write(out, new ArrayList<>(columns), rows);
    }

    /** A configuration tree as dotted paths. */
    public static Map<String, Object> flatten(JsonNode node) {
        Map<String, Object> out = new LinkedHashMap<>();
        walk("", node, out);
        return out;
    }

    private static void walk(String prefix, JsonNode node, Map<String, Object> out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            if (!prefix.isEmpty()) {
                out.put(prefix, null);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                out.put(prefix, "[]");
            }
            for (int i = 0; i < node.size(); i++) {
                walk(prefix + "[" + i + "]", node.get(i), out);
            }
        } else if (node.isNumber()) {
            out.put(prefix, node.numberValue());
        } else if (node.isBoolean()) {
            out.put(prefix, node.booleanValue());
        } else {
            out.put(prefix, node.asText());
        }
    }

    private static void write(Writer out, List<String> columns, List<Map<String, Object>> rows) {
        try {
            out.write(String.join(",", columns.stream().map(RunExport::cell).toList()));
            out.write("\n");
            for (Map<String, Object> row : rows) {
                List<String> cells = new ArrayList<>(columns.size());
                for (String c : columns) {
                    cells.add(cell(row.get(c)));
                }
                out.write(String.join(",", cells));
                out.write("\n");
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 4180 quoting; NaN and infinities as NaN, inf, -inf (as pandas reads them). */
    static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            if (d.isNaN()) {
                return "NaN";
            }
            if (d.isInfinite()) {
                return d > 0 ? "inf" : "-inf";
            }
            return Double.toString(d);
        }
        String s = v.toString();
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
