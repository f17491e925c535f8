package org.cnnworkbench.engine.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;

/**
 * Dotted paths into an experiment tree, as users write them in {@code --set} and in sweep search
 * spaces: {@code training.learning_rate}, {@code architecture.params.dropout},
 * {@code augmentations[0].params.rotation}.
 */
public final class OverridePath {
    private OverridePath() {
    }

    /**
     * Sets the value at {@code path}, creating missing mappings on the way; returns the JSON pointer
     * of the value. List elements must exist already.
     */
    public static String set(ObjectNode root, String path, JsonNode value, String origin) {
        List<Object> steps = parse(path, origin);
        JsonNode node = root;
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            Object step = steps.get(i);
            boolean last = i == steps.size() - 1;
            if (step instanceof String key) {
                if (!node.isObject()) {
                    throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, origin + ": '" + pointer
                            + "' is not a mapping, so it has no field '" + key + "'.");
                }
                pointer.append('/').append(key);
                ObjectNode object = (ObjectNode) node;
                if (last) {
                    object.set(key, value);
                } else {
                    JsonNode next = object.get(key);
                    if (next == null || next.isNull()) {
                        next = steps.get(i + 1) instanceof String ? object.putObject(key) : object.putArray(key);
                    }
                    node = next;
                }
            } else {
                int index = (Integer) step;
                if (!node.isArray() || index >= node.size()) {
                    throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, origin + ": '" + pointer.substring(1).replace('/', '.')
                            + "' has no element [" + index + "]" + (node.isArray() ? " (it has " + node.size() + ")" : "") + ".");
                }
                pointer.append('/').append(index);
                if (last) {
                    ((ArrayNode) node).set(index, value);
                } else {
                    node = node.get(index);
                }
            }
        }
        return pointer.toString();
    }

    /** Splits {@code a.b[2].c} into "a", "b", 2, "c". */
    static List<Object> parse(String path, String origin) {
        List<Object> steps = new ArrayList<>();
        for (String part : path.split("\\.", -1)) {
            String rest = part;
            int bracket = rest.indexOf('[');
            String key = bracket < 0 ? rest : rest.substring(0, bracket);
            if (key.isEmpty() && (bracket != 0 || steps.isEmpty())) {
                throw invalid(path, origin);
            }
            if (!key.isEmpty()) {
                steps.add(key);
            }
            while (bracket >= 0) {
                int close = rest.indexOf(']', bracket);
                if (close < 0) {
                    throw invalid(path, origin);
                }
                try {
                    steps.add(Integer.parseInt(rest.substring(bracket + 1, close)));
                } catch (NumberFormatException e) {
                    throw invalid(path, origin);
                }
                rest = rest.substring(close + 1);
                bracket = rest.isEmpty() ? -1 : rest.indexOf('[');
                if (bracket != 0 && !rest.isEmpty()) {
                    throw invalid(path, origin);
                }
            }
        }
        return steps;
    }

    private static WorkbenchException invalid(String path, String origin) {
        return new WorkbenchException(ErrorCode.INVALID_ARGUMENT, origin + ": '" + path
                + "' is not a valid path; write fields with dots and list elements with [N], e.g. augmentations[0].params.probability.");
    }
}
