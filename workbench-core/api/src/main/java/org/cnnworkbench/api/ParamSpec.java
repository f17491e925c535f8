package org.cnnworkbench.api;

import java.util.List;
import java.util.Objects;

/**
 * The declaration of one parameter of an extension: its name, type, default, allowed range or
 * values, and a one-line description. The engine validates every experiment file against these
 * declarations before anything trains, and {@code workbench plugins} lists them.
 *
 * @param name         the key users write under {@code params:}, in snake_case
 * @param type         the value's type
 * @param defaultValue the value used when the file does not give one; {@code null} when the
 *                     parameter is required or optional without a default
 * @param required     whether a file must give it
 * @param min          inclusive lower bound for numbers, or {@code null}
 * @param max          inclusive upper bound for numbers, or {@code null}
 * @param allowed      the allowed values of a {@link ParamType#CHOICE}; empty otherwise
 * @param description  one line for listings
 */
public record ParamSpec(String name, ParamType type, Object defaultValue, boolean required,
                        Double min, Double max, List<String> allowed, String description) {

    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("parameter name must be snake_case, found '" + name + "'");
        }
        allowed = List.copyOf(allowed == null ? List.of() : allowed);
        description = description == null ? "" : description;
        if (type == ParamType.CHOICE && allowed.isEmpty()) {
            throw new IllegalArgumentException("choice parameter '" + name + "' declares no allowed values");
        }
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("parameter '" + name + "': min " + min + " > max " + max);
        }
    }

    /** An integer parameter with a default and an inclusive range. */
    public static ParamSpec integer(String name, int defaultValue, int min, int max, String description) {
        return new ParamSpec(name, ParamType.INTEGER, defaultValue, false, (double) min, (double) max, List.of(), description);
    }

    /** A real-valued parameter with a default and an inclusive range. */
    public static ParamSpec number(String name, double defaultValue, double min, double max, String description) {
        return new ParamSpec(name, ParamType.NUMBER, defaultValue, false, min, max, List.of(), description);
    }

    /** A boolean parameter with a default. */
    public static ParamSpec bool(String name, boolean defaultValue, String description) {
        return new ParamSpec(name, ParamType.BOOLEAN, defaultValue, false, null, null, List.of(), description);
    }

    /** A parameter taking one of {@code allowed}, with a default that must be one of them. */
    public static ParamSpec choice(String name, String defaultValue, List<String> allowed, String description) {
        if (defaultValue != null && !allowed.contains(defaultValue)) {
            throw new IllegalArgumentException("default '" + defaultValue + "' of '" + name + "' is not in " + allowed);
        }
        return new ParamSpec(name, ParamType.CHOICE, defaultValue, false, null, null, allowed, description);
    }

    /** A free-text parameter with a default (may be {@code null}: optional). */
    public static ParamSpec string(String name, String defaultValue, String description) {
        return new ParamSpec(name, ParamType.STRING, defaultValue, false, null, null, List.of(), description);
    }

    /** A real-valued parameter without a default (absent unless the file gives it), in an inclusive range; a null bound is none. */
    public static ParamSpec optionalNumber(String name, Double min, Double max, String description) {
        return new ParamSpec(name, ParamType.NUMBER, null, false, min, max, List.of(), description);
    }

    /** An integer parameter without a default (absent unless the file gives it), in an inclusive range. */
    public static ParamSpec optionalInteger(String name, int min, int max, String description) {
        return new ParamSpec(name, ParamType.INTEGER, null, false, (double) min, (double) max, List.of(), description);
    }

    /** A parameter that the file must give, one of {@code allowed}. */
    public static ParamSpec requiredChoice(String name, List<String> allowed, String description) {
        return new ParamSpec(name, ParamType.CHOICE, null, true, null, null, allowed, description);
    }

    /** A free-text parameter that the file must give. */
    public static ParamSpec requiredString(String name, String description) {
        return new ParamSpec(name, ParamType.STRING, null, true, null, null, List.of(), description);
    }

    /** A path that the file must give. */
    public static ParamSpec requiredPath(String name, String description) {
        return new ParamSpec(name, ParamType.PATH, null, true, null, null, List.of(), description);
    }

    /** A path that the file may give. */
    public static ParamSpec optionalPath(String name, String description) {
        return new ParamSpec(name, ParamType.PATH, null, false, null, null, List.of(), description);
    }

    /** The allowed range or values, as users read it in listings and errors (e.g. {@code [1, 4096]}). */
    public String rangeText() {
        return switch (type) {
            case CHOICE -> String.join(" | ", allowed);
            case BOOLEAN -> "true | false";
            case INTEGER, NUMBER -> "[" + bound(min, "-inf") + ", " + bound(max, "inf") + "]";
            case STRING -> "text";
            case PATH -> "file or folder";
        };
    }

    private String bound(Double value, String none) {
        if (value == null || Math.abs(value) >= Double.MAX_VALUE || (type == ParamType.INTEGER && Math.abs(value) >= Integer.MAX_VALUE)) {
            return value == null ? none : value < 0 ? "-inf" : "inf";
        }
        return type == ParamType.INTEGER ? String.valueOf(value.longValue()) : String.valueOf(value);
    }
}
