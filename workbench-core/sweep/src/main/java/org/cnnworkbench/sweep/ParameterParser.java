package org.cnnworkbench.sweep;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads one entry of {@code parameters:}: a bare scalar (fixed) or a mapping with one distribution. */
final class ParameterParser {

    private static final List<String> KINDS = List.of("choice", "uniform", "log_uniform", "int", "fixed");
    private static final List<String> KEYS = List.of("choice", "uniform", "log_uniform", "int", "fixed", "step", "log", "when");

    private final String path;
    private final String pointer;
    private final ProblemSink problems;
    private boolean failed;

    ParameterParser(String path, String pointer, ProblemSink problems) {
        this.path = path;
        this.pointer = pointer;
        this.problems = problems;
    }

    private void report(String at, String message) {
        failed = true;
        problems.add(at, path + ": " + message);
    }

    /** The parameter, or null after reporting its problems. */
    SearchSpace.Parameter parse(JsonNode node) {
        if (!validPath(path)) {
            report(pointer, "not a dotted path into the experiment (words separated by single dots, e.g. training.learning_rate)");
        }
        Distribution distribution = null;
        Map<String, List<Object>> when = Map.of();
        Object scalar = Values.scalar(node);
        if (scalar != null) {
            distribution = new Distribution.Fixed(scalar);
        } else if (node == null || node.isNull() || !node.isObject()) {
            report(pointer, "needs a value or a distribution such as {choice: [32, 64]}, {uniform: [0.0, 0.5]}, "
                    + "{log_uniform: [1.0e-4, 1.0e-2]}, {int: [16, 64]} or {fixed: adam}, found " + Values.describe(node)
                    + (node != null && node.isArray() ? " (to choose among values write {choice: [...]})" : ""));
        } else {
            distribution = distribution(node);
            when = when(node.get("when"));
        }
        return failed ? null : new SearchSpace.Parameter(path, distribution, when);
    }

    private static boolean validPath(String path) {
        if (path.isEmpty() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
            return false;
        }
        return path.chars().noneMatch(c -> Character.isWhitespace(c) || c == '/');
    }

    private Distribution distribution(JsonNode node) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                report(ProblemSink.child(pointer, key), Keys.unknown("key", key, null, KEYS));
            }
        }
        List<String> kinds = KINDS.stream().filter(node::has).toList();
        if (kinds.isEmpty()) {
            report(pointer, "needs one of " + String.join(", ", KINDS) + ", found " + Values.describe(node));
            return null;
        }
        if (kinds.size() > 1) {
            report(pointer, "give one distribution, found " + String.join(" and ", kinds));
            return null;
        }
        String kind = kinds.get(0);
        if (!kind.equals("int")) {
            for (String modifier : List.of("step", "log")) {
                if (node.has(modifier)) {
                    report(ProblemSink.child(pointer, modifier), modifier + " applies only to int, found it with " + kind);
                }
            }
        }
        JsonNode value = node.get(kind);
        String at = ProblemSink.child(pointer, kind);
        return switch (kind) {
            case "choice" -> choice(value, at);
            case "uniform", "log_uniform" -> continuous(kind, value, at);
            case "int" -> intRange(value, node, at);
            default -> fixed(value, at);
        };
    }

    private Distribution choice(JsonNode value, String at) {
        if (!value.isArray() || value.isEmpty()) {
            report(at, "choice needs at least one value, found " + Values.describe(value));
            return null;
        }
        List<Object> values = new ArrayList<>();
        for (JsonNode element : value) {
            Object v = Values.scalar(element);
            if (v == null) {
                report(at, "choice values must be text, numbers or true/false, found " + Values.describe(element)
                        + " in " + Values.describe(value));
                return null;
            }
            if (Values.containsSame(values, v)) {
                report(at, "choice lists " + Values.describe(element) + " twice in " + Values.describe(value));
                return null;
            }
            values.add(v);
        }
        return new Distribution.Choice(values);
    }

    private Distribution continuous(String kind, JsonNode value, String at) {
        if (!value.isArray() || value.size() != 2 || !value.get(0).isNumber() || !value.get(1).isNumber()) {
            report(at, kind + " needs a list [low, high] of two numbers, found " + Values.describe(value));
            return null;
        }
        double low = value.get(0).doubleValue();
        double high = value.get(1).doubleValue();
        if (kind.equals("uniform")) {
            if (!(Double.isFinite(low) && Double.isFinite(high) && low <= high)) {
                report(at, "uniform needs low <= high, found " + Values.describe(value));
                return null;
            }
            return new Distribution.Uniform(low, high);
        }
        if (!(Double.isFinite(low) && Double.isFinite(high) && 0 < low && low <= high)) {
            report(at, "log_uniform needs 0 < low <= high, found " + Values.describe(value));
            return null;
        }
        return new Distribution.LogUniform(low, high);
    }

    private Distribution intRange(JsonNode value, JsonNode node, String at) {
        if (!value.isArray() || value.size() != 2 || !value.get(0).canConvertToLong() || !value.get(1).canConvertToLong()
                || !value.get(0).isIntegralNumber() || !value.get(1).isIntegralNumber()) {
            report(at, "int needs a list [low, high] of two whole numbers, found " + Values.describe(value));
            return null;
        }
        long low = value.get(0).longValue();
        long high = value.get(1).longValue();
        boolean ok = true;
        if (low > high) {
            report(at, "int needs low <= high, found " + Values.describe(value));
            ok = false;
        }
        JsonNode stepNode = node.get("step");
        long step = 1;
        if (stepNode != null) {
            if (!stepNode.isIntegralNumber() || !stepNode.canConvertToLong() || stepNode.longValue() <= 0) {
                report(ProblemSink.child(pointer, "step"), "int step must be a whole number >= 1, found " + Values.describe(stepNode));
                ok = false;
            } else {
                step = stepNode.longValue();
            }
        }
        JsonNode logNode = node.get("log");
        boolean log = false;
        if (logNode != null) {
            if (!logNode.isBoolean()) {
                report(ProblemSink.child(pointer, "log"), "log must be true or false, found " + Values.describe(logNode));
                ok = false;
            } else {
                log = logNode.booleanValue();
            }
        }
        if (!ok) {
            return null;
        }
        if ((high - low) % step != 0) {
            long range = high - low;
            report(ProblemSink.child(pointer, "step"), "int step " + step + " does not divide the range " + Values.describe(value)
                    + " (" + high + " - " + low + " = " + range + "); use a step that divides " + range
                    + " or set high to " + (low + range / step * step));
            return null;
        }
        if (log && step != 1) {
            report(ProblemSink.child(pointer, "step"), "int with log: true takes no step, found step " + step);
            return null;
        }
        if (log && low < 1) {
            report(at, "int with log: true needs low >= 1, found " + Values.describe(value));
            return null;
        }
        return new Distribution.IntRange(low, high, step, log);
    }

    private Distribution fixed(JsonNode value, String at) {
        Object v = Values.scalar(value);
        if (v == null) {
            report(at, "fixed needs a single value (text, number or true/false), found " + Values.describe(value));
            return null;
        }
        return new Distribution.Fixed(v);
    }

    private Map<String, List<Object>> when(JsonNode node) {
        String at = ProblemSink.child(pointer, "when");
        if (node == null) {
            return Map.of();
        }
        if (!node.isObject() || node.isEmpty()) {
            report(at, "when needs a mapping from another parameter to its value or list of values, "
                    + "e.g. when: {architecture.type: small-cnn}, found " + Values.describe(node));
            return Map.of();
        }
        Map<String, List<Object>> when = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<Object> values = new ArrayList<>();
            JsonNode v = e.getValue();
            for (JsonNode element : v.isArray() ? v : List.of(v)) {
                Object scalar = Values.scalar(element);
                if (scalar == null) {
                    values = null;
                    break;
                }
                values.add(scalar);
            }
            if (values == null || values.isEmpty()) {
                report(ProblemSink.child(at, e.getKey()), "when needs a value or a non-empty list of values for "
                        + e.getKey() + ", found " + Values.describe(v));
            } else {
                when.put(e.getKey(), values);
            }
        }
        return when;
    }
}
