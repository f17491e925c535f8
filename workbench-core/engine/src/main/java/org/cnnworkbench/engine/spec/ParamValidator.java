package org.cnnworkbench.engine.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
     * returns the values with defaults filled in (invalid values are left out and reported). Names
     * are taken as written: no grouped mappings (the {@code training:} section).
     */
    Params validate(JsonNode given, String pointer, List<ParamSpec> specs, String owner) {
        return validate(given, pointer, specs, owner, false);
    }

    /**
     * As {@link #validate(JsonNode, String, List, String)}; with {@code grouped} (a plugin's
     * parameters), a mapping {@code P: {k: v}} whose name {@code P} is not declared sets the declared
     * parameter {@code P_k}: {@code head: {units: 256}} is {@code head_units: 256}. A key {@code k}
     * with no declared {@code P_k}, or a parameter set both ways, is a problem.
     */
    Params validate(JsonNode given, String pointer, List<ParamSpec> specs, String owner, boolean grouped) {
        Map<String, ParamSpec> byName = new LinkedHashMap<>();
        specs.forEach(s -> byName.put(s.name(), s));
        Map<String, Object> values = new LinkedHashMap<>();
        if (given != null && !given.isNull() && !given.isObject()) {
            problems.add(ErrorCode.INVALID_PARAMETER, pointer, "the parameters of " + owner
                    + " must be a mapping of name: value, found " + describe(given) + ".");
            given = null;
        }
        Map<String, Given> found = new LinkedHashMap<>();
        if (given != null && !given.isNull()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = field.getKey();
                String at = pointer + "/" + key;
                if (byName.containsKey(key)) {
                    put(found, key, new Given(field.getValue(), at, key), owner);
                    continue;
                }
                Map<String, String> members = grouped ? members(key, byName.keySet()) : Map.of();
                if (members.isEmpty()) {
                    Set<String> candidates = new LinkedHashSet<>(byName.keySet());
                    if (grouped) {
                        candidates.addAll(groups(byName.keySet()).keySet());
                    }
                    problems.add(ErrorCode.INVALID_PARAMETER, at, "unknown parameter '" + key + "' for " + owner + "."
                            + Suggestions.didYouMean(key, candidates) + " Allowed: " + allowedList(specs)
                            + (grouped ? groupedList(byName.keySet()) : "") + ".");
                    continue;
                }
                JsonNode group = field.getValue();
                if (group == null || group.isNull()) {
                    continue;
                }
                if (!group.isObject()) {
                    problems.add(ErrorCode.INVALID_PARAMETER, at, "'" + key + "' of " + owner + " is a mapping of "
                            + String.join(", ", members.keySet()) + " (e.g. " + key + ": {" + members.keySet().iterator().next()
                            + ": ...}), found " + describe(group) + ".");
                    continue;
                }
                for (Iterator<Map.Entry<String, JsonNode>> sub = group.fields(); sub.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = sub.next();
                    String name = members.get(entry.getKey());
                    if (name == null) {
                        problems.add(ErrorCode.INVALID_PARAMETER, at + "/" + entry.getKey(), "unknown key '" + entry.getKey()
                                + "' under '" + key + "' for " + owner + "." + Suggestions.didYouMean(entry.getKey(), members.keySet())
                                + " Allowed under " + key + ": " + members.entrySet().stream()
                                .map(m -> m.getKey() + " (" + byName.get(m.getValue()).type().label() + " "
                                        + byName.get(m.getValue()).rangeText() + ")").collect(Collectors.joining(", ")) + ".");
                        continue;
                    }
                    put(found, name, new Given(entry.getValue(), at + "/" + entry.getKey(), key + "." + entry.getKey()), owner);
                }
            }
        }
        for (ParamSpec spec : specs) {
            Given g = found.get(spec.name());
            JsonNode value = g == null ? null : g.value();
            String at = g == null ? pointer + "/" + spec.name() : g.at();
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
            String label = g.label().equals(spec.name()) ? "'" + spec.name() + "'" : "'" + g.label() + "' (" + spec.name() + ")";
            Object converted = convert(value, spec, at, "parameter " + label + " of " + owner);
            if (converted != null) {
                values.put(spec.name(), converted);
            }
        }
        return new Params(values);
    }

    /** A parameter's value as written, where it is, and the name the user wrote it under ({@code head.units}). */
    private record Given(JsonNode value, String at, String label) {
    }

    private void put(Map<String, Given> found, String name, Given given, String owner) {
        Given before = found.putIfAbsent(name, given);
        if (before != null) {
            Given grouped = before.label().equals(name) ? given : before;
            String groupName = grouped.label().substring(0, grouped.label().indexOf('.'));
            problems.add(ErrorCode.INVALID_PARAMETER, given.at(), "'" + before.label() + "' and '" + given.label()
                    + "' both set parameter '" + name + "' of " + owner + "; write it once, preferably as '"
                    + grouped.label() + "' under '" + groupName + ":' ('" + name + "' is its flat alias).");
        }
    }

    /**
     * The declared parameters a mapping named {@code group} sets: key {@code k} → {@code group_k};
     * empty when {@code group} is itself declared or no name starts with {@code group_}.
     */
    static Map<String, String> members(String group, Collection<String> declared) {
        Map<String, String> members = new LinkedHashMap<>();
        if (group.isEmpty() || declared.contains(group)) {
            return members;
        }
        for (String name : declared) {
            if (name.startsWith(group + "_") && name.length() > group.length() + 1) {
                members.put(name.substring(group.length() + 1), name);
            }
        }
        return members;
    }

    /** The groups worth naming: each first word before '_' that starts two or more declared names. */
    private static Map<String, Map<String, String>> groups(Collection<String> declared) {
        Map<String, Map<String, String>> groups = new LinkedHashMap<>();
        for (String name : declared) {
            int cut = name.indexOf('_');
            if (cut > 0 && !groups.containsKey(name.substring(0, cut))) {
                Map<String, String> members = members(name.substring(0, cut), declared);
                if (members.size() >= 2) {
                    groups.put(name.substring(0, cut), members);
                }
            }
        }
        return groups;
    }

    private static String groupedList(Collection<String> declared) {
        Map<String, Map<String, String>> groups = groups(declared);
        if (groups.isEmpty()) {
            return "";
        }
        return "; or grouped: " + groups.entrySet().stream()
                .map(g -> g.getKey() + ": {" + String.join(", ", g.getValue().keySet()) + "}")
                .collect(Collectors.joining(", "));
    }

    private Object convert(JsonNode value, ParamSpec spec, String at, String what) {
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
