package org.cnnworkbench.app.text;

import java.util.Map;
import java.util.stream.Collectors;

/** A trial's sampled parameters on one line: {@code training.learning_rate=0.0012 training.batch_size=64}. */
public final class ParamText {
    private ParamText() {
    }

    public static String of(Map<String, String> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + shortValue(e.getValue()))
                .collect(Collectors.joining(" "));
    }

    /** A JSON value as users read it: strings unquoted, long decimals cut to 4 significant digits. */
    static String shortValue(String json) {
        if (json.length() > 1 && json.startsWith("\"") && json.endsWith("\"")) {
            return json.substring(1, json.length() - 1);
        }
        try {
            if (json.contains(".") || json.contains("e") || json.contains("E")) {
                return String.format(java.util.Locale.ROOT, "%.4g", Double.parseDouble(json));
            }
        } catch (NumberFormatException e) {
            // Not a number: as stored.
        }
        return json;
    }
}
