package org.cnnworkbench.app.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The classification report and confusion matrix as text, from a run's stored result JSON (the
 * same for {@code run} at its end and for {@code show}).
 */
public final class Reports {
    private Reports() {
    }

    /** Precision, recall, F1 and support per class, with macro and weighted averages, like scikit-learn's. */
    public static String classificationReport(JsonNode report) {
        Table table = new Table("class", "precision", "recall", "f1-score", "support");
        double p = 0, r = 0, f = 0, wp = 0, wr = 0, wf = 0;
        long total = 0;
        for (JsonNode row : report) {
            long support = row.path("support").asLong();
            table.add(row.path("class_name").asText(), fmt(row.path("precision").asDouble()), fmt(row.path("recall").asDouble()),
                    fmt(row.path("f1").asDouble()), support);
            p += row.path("precision").asDouble();
            r += row.path("recall").asDouble();
            f += row.path("f1").asDouble();
            wp += row.path("precision").asDouble() * support;
            wr += row.path("recall").asDouble() * support;
            wf += row.path("f1").asDouble() * support;
            total += support;
        }
        int n = Math.max(1, report.size());
        table.add("macro avg", fmt(p / n), fmt(r / n), fmt(f / n), total);
        if (total > 0) {
            table.add("weighted avg", fmt(wp / total), fmt(wr / total), fmt(wf / total), total);
        }
        return table.toString();
    }

    /** Rows are the actual class, columns the predicted one (numbered as in the legend). */
    public static String confusionMatrix(JsonNode confusion, JsonNode classNames) {
        int n = confusion.size();
        List<String> headers = new ArrayList<>();
        headers.add("actual \\ predicted");
        for (int i = 0; i < n; i++) {
            headers.add(String.valueOf(i));
        }
        Table table = new Table(headers.toArray(String[]::new));
        for (int a = 0; a < n; a++) {
            Object[] cells = new Object[n + 1];
            cells[0] = a + " " + classNames.path(a).asText();
            for (int p = 0; p < n; p++) {
                cells[p + 1] = confusion.get(a).get(p).asInt();
            }
            table.add(cells);
        }
        return table.toString();
    }

    private static String fmt(double v) {
        return String.format("%.4f", v);
    }
}
