package org.cnnworkbench.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** A run's resolved configuration as dotted paths ({@code training.learning_rate}, {@code augmentations[0].type}). */
final class Flatten {
    private Flatten() {
    }

    static Map<String, Object> of(JsonNode node) {
        Map<String, Object> out = new LinkedHashMap<>();
        walk("", node, out);
        return out;
    }

    private static void walk(String prefix, JsonNode node, Map<String, Object> out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            if (!prefix.isEmpty()) {
                out.put(prefix, null);
            }
            return;
        }
        if (node.isObject()) {
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
}
