package org.cnnworkbench.sweep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The parameters a sweep varies, in file order. A parameter with a non-empty {@code when} is active
 * only when every parameter it names has one of the listed values; otherwise it is left out of the
 * configuration.
 */
public record SearchSpace(Map<String, Parameter> parameters) {

    /** One parameter: the dotted path into the experiment, its distribution and its condition. */
    public record Parameter(String path, Distribution distribution, Map<String, List<Object>> when) {
        public Parameter {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(distribution, "distribution");
            Map<String, List<Object>> copy = new LinkedHashMap<>();
            (when == null ? Map.<String, List<Object>>of() : when).forEach((k, v) -> copy.put(k, List.copyOf(v)));
            when = Collections.unmodifiableMap(copy);
        }

        /** True if this parameter is sampled given the values chosen so far. */
        public boolean isActive(Map<String, Object> chosen) {
            for (Map.Entry<String, List<Object>> condition : when.entrySet()) {
                Object value = chosen.get(condition.getKey());
                if (value == null || !Values.containsSame(condition.getValue(), value)) {
                    return false;
                }
            }
            return true;
        }

        JsonNode toJson() {
            ObjectNode node = (ObjectNode) distribution.toJson();
            if (!when.isEmpty()) {
                ObjectNode w = node.putObject("when");
                when.forEach((k, values) -> {
                    if (values.size() == 1) {
                        w.set(k, Values.toNode(values.get(0)));
                    } else {
                        ArrayNode list = w.putArray(k);
                        values.forEach(v -> list.add(Values.toNode(v)));
                    }
                });
            }
            return node;
        }
    }

    public SearchSpace {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /**
     * The parameters ordered so that each comes after the parameters its condition names, otherwise in
     * file order. Throws {@link IllegalStateException} when conditions form a cycle or name an unknown
     * parameter (the parser reports both before a space is built).
     */
    public List<Parameter> samplingOrder() {
        List<Parameter> order = new ArrayList<>();
        List<Parameter> left = new ArrayList<>(parameters.values());
        while (!left.isEmpty()) {
            Parameter next = left.stream()
                    .filter(p -> p.when().keySet().stream().allMatch(k -> order.stream().anyMatch(o -> o.path().equals(k))))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("conditions form a cycle or name unknown parameters among "
                            + left.stream().map(Parameter::path).toList()));
            order.add(next);
            left.remove(next);
        }
        return order;
    }

    /** The given values re-ordered as the parameters are in the file. */
    public Map<String, Object> inFileOrder(Map<String, Object> values) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String path : parameters.keySet()) {
            if (values.containsKey(path)) {
                ordered.put(path, values.get(path));
            }
        }
        return ordered;
    }

    public JsonNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        parameters.forEach((path, p) -> node.set(path, p.toJson()));
        return node;
    }

    /**
     * Why a configuration does not fit this space, or empty when it does: every value names a parameter
     * and is one the parameter can take, every active parameter has a value and no inactive one has.
     * With {@code partial}, active parameters may be missing (the strategy fills them in).
     */
    public java.util.Optional<String> misfit(Map<String, Object> values, boolean partial) {
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Parameter p = parameters.get(e.getKey());
            if (p == null) {
                return java.util.Optional.of(e.getKey() + " is not a parameter of this sweep (its parameters: "
                        + String.join(", ", parameters.keySet()) + ")");
            }
            if (!allows(p.distribution(), e.getValue())) {
                return java.util.Optional.of(e.getKey() + " = " + Values.describe(Values.toNode(e.getValue()))
                        + " is not a value of " + Values.describe(p.distribution().toJson()));
            }
        }
        Map<String, Object> chosen = new LinkedHashMap<>();
        for (Parameter p : samplingOrder()) {
            boolean active = p.isActive(chosen);
            if (active && values.containsKey(p.path())) {
                chosen.put(p.path(), values.get(p.path()));
            } else if (active && !partial) {
                return java.util.Optional.of(p.path() + " has no value");
            } else if (!active && values.containsKey(p.path())) {
                return java.util.Optional.of(p.path() + " is given although its condition (when) does not hold");
            }
        }
        return java.util.Optional.empty();
    }

    /** Whether {@code d} can take {@code value}. */
    static boolean allows(Distribution d, Object value) {
        if (d instanceof Distribution.Continuous c) {
            return value instanceof Number n && !(value instanceof Boolean) && Double.isFinite(n.doubleValue())
                    && n.doubleValue() >= c.low() && n.doubleValue() <= c.high();
        }
        if (d instanceof Distribution.IntRange r) {
            if (!(value instanceof Integer || value instanceof Long)) {
                return false;
            }
            long v = ((Number) value).longValue();
            return v >= r.low() && v <= r.high() && (v - r.low()) % r.step() == 0;
        }
        return Values.containsSame(d.probeValues(), value);
    }
}
