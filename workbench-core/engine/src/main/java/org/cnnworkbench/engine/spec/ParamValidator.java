package org.cnnworkbench.engine.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.engine.ErrorCode;

/**
 * The one place where parameter values are checked against their {@link ParamSpec}s: plugin
 * parameters and the {@code training:} section alike. Every problem is reported with the owner
 * ("architecture 'lenet5'"), the value found, and what is allowed.
 */
final class ParamValidator {
    private final Problems problems;
    private final Path baseDir;

    ParamValidator(Problems problems, Path baseDir) {
        this.problems = problems;
        this.baseDir = baseDir;
    }

    /**
     * Validates {@code given} (may be null: no params) at {@code pointer} against {@code specs};
     * returns the values with defaults filled in (invalid values are left out and reported).
     */
    Params validate(JsonNode given, String pointer, List<ParamSpec> specs, String owner) {
        Map<String, ParamSpec> byName = new LinkedHashMap<>();
        specs.forEach(s -> byName.put(s.name(), s));
        Map<String, Object> values = new LinkedHashMap<>();
        if (given != null && !given.isNull() && !given.isObject()) {
            problems.add(ErrorCode.INVALID_PARAMETER, pointer, "the parameters of " + owner
                    + " must be a mapping of name: value, found " + describe(given) + ".");
            given = null;
        }
        if (given != null && !given.isNull()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!byName.containsKey(field.getKey())) {
                    problems.add(ErrorCode.INVALID_PARAMETER, pointer + "/" + field.getKey(), "unknown parameter '"
                            + field.getKey() + "' for " + owner + "." + Suggestions.didYouMean(field.getKey(), byName.keySet())
                            + " Allowed: " + allowedList(specs) + ".");
                }
            }
        }
        for (ParamSpec spec : specs) {
            JsonNode value = given == null || given.isNull() ? null : given.get(spec.name());
            String at = pointer + "/" + spec.name();
            if (value == null || value.isNull()) {
                if (spec.required()) {
                    problems.add(ErrorCode.INVALID_PARAMETER, pointer, owner + " needs parameter '" + spec.name()
                            + "' (" + spec.type().label() + ": " + spec.description() + ").");
                }
                if (spec.defaultValue() != null) {
                    values.put(spec.name(), spec.defaultValue());
                }
                continue;
            }
            Object converted = convert(value, spec, at, owner);
            if (converted != null) {
                values.put(spec.name(), converted);
            }
        }
        return new Params(values);
    }

    private Object convert(JsonNode value, ParamSpec spec, String at, String owner) {
        String what = "parameter '" + spec.name() + "' of " + owner;
        switch (spec.type()) {
            case INTEGER -> {
                if (!value.isIntegralNumber() && !(value.isNumber() && value.asDouble() == Math.rint(value.asDouble()))) {
                    return wrongType(at, what, "a whole number", value, spec);
                }
                if (!value.canConvertToLong() || Math.abs(value.asLong()) > Integer.MAX_VALUE) {
                    return wrongType(at, what, "a whole number within int range", value, spec);
                }
                int v = value.asInt();
                return inRange(v, at, what, spec) ? v : null;
            }
            case NUMBER -> {
                if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
                    return wrongType(at, what, "a number", value, spec);
                }
                double v = value.asDouble();
                return inRange(v, at, what, spec) ? v : null;
            }
            case BOOLEAN -> {
                return value.isBoolean() ? value.asBoolean() : wrongType(at, what, "true or false", value, spec);
            }
            case STRING -> {
                return value.isValueNode() ? value.asText() : wrongType(at, what, "text", value, spec);
            }
            case CHOICE -> {
                if (!value.isValueNode() || !spec.allowed().contains(value.asText())) {
                    String found = value.isValueNode() ? value.asText() : describe(value);
                    problems.add(ErrorCode.INVALID_PARAMETER, at, what + " is '" + found + "', which is not allowed."
                            + (value.isValueNode() ? Suggestions.didYouMean(found, spec.allowed()) : "")
                            + " Allowed: " + spec.rangeText() + ".");
                    return null;
                }
                return value.asText();
            }
            case PATH -> {
                if (!value.isTextual() || value.asText().isBlank()) {
                    return wrongType(at, what, "a file path", value, spec);
                }
                Path path = baseDir.resolve(value.asText()).normalize();
                if (!Files.exists(path)) {
                    problems.add(ErrorCode.MISSING_FILE, at, what + ": " + path + " does not exist"
                            + (Path.of(value.asText()).isAbsolute() ? "" : " (relative paths resolve against " + baseDir + ")")
                            + ". It should be the " + spec.description() + ".");
                    return null;
                }
                return path;
            }
            default -> throw new IllegalStateException("unhandled type " + spec.type());
        }
    }

    private boolean inRange(double v, String at, String what, ParamSpec spec) {
        if ((spec.min() != null && v < spec.min()) || (spec.max() != null && v > spec.max())) {
            problems.add(ErrorCode.INVALID_PARAMETER, at, what + " is " + format(v, spec) + ", out of range: allowed "
                    + spec.rangeText() + ".");
            return false;
        }
        return true;
    }

    private Object wrongType(String at, String what, String expected, JsonNode value, ParamSpec spec) {
        problems.add(ErrorCode.INVALID_PARAMETER, at, what + " must be " + expected + ", found " + describe(value)
                + ". Allowed: " + spec.rangeText() + ".");
        return null;
    }

    private static String format(double v, ParamSpec spec) {
        return spec.type() == org.cnnworkbench.api.ParamType.INTEGER ? String.valueOf((long) v) : String.valueOf(v);
    }

    static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "text '" + value.asText() + "'";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        return "'" + value.asText() + "'";
    }

    private static String allowedList(List<ParamSpec> specs) {
        if (specs.isEmpty()) {
            return "none (this extension takes no parameters)";
        }
        return specs.stream().map(s -> s.name() + " (" + s.type().label() + " " + s.rangeText() + ")")
                .collect(Collectors.joining(", "));
    }
}
