package org.cnnworkbench.sweep;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A declared setting of the sweep section: name, kind, default, smallest allowed value and what it
 * does. Parsing reads the declaration, so the rule in the message and the rule enforced are one.
 */
record Setting(String name, Kind kind, Object defaultValue, double min, boolean minExclusive, double max, String description) {

    enum Kind { INT, LONG, NUMBER, BOOLEAN }

    static Setting integer(String name, Integer defaultValue, int min, String description) {
        return new Setting(name, Kind.INT, defaultValue, min, false, Integer.MAX_VALUE, description);
    }

    static Setting number(String name, Double defaultValue, double min, boolean minExclusive, double max, String description) {
        return new Setting(name, Kind.NUMBER, defaultValue, min, minExclusive, max, description);
    }

    /** The rule as a user reads it, e.g. "a whole number >= 1". */
    String rule() {
        return switch (kind) {
            case INT, LONG -> "a whole number" + (min == -Double.MAX_VALUE ? "" : " >= " + Values.number(min));
            case NUMBER -> "a number " + (minExclusive ? "> " : ">= ") + Values.number(min)
                    + (max == Double.MAX_VALUE ? "" : " and <= " + Values.number(max));
            case BOOLEAN -> "true or false";
        };
    }

    /**
     * The value of {@code node} (Integer, Long, Double or Boolean as the kind says), or null when it is
     * absent or wrong, in which case a wrong one was reported as "{name} in {where} must be ..., found ...".
     */
    Object read(JsonNode node, String where, String pointer, ProblemSink problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        Object value = switch (kind) {
            case INT -> node.canConvertToInt() && node.isIntegralNumber() && node.intValue() >= min ? node.intValue() : null;
            case LONG -> node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : null;
            case NUMBER -> node.isNumber() && inRange(node.doubleValue()) ? node.doubleValue() : null;
            case BOOLEAN -> node.isBoolean() ? node.booleanValue() : null;
        };
        if (value == null) {
            problems.add(pointer, name + " in " + where + " must be " + rule() + ", found " + Values.describe(node));
        }
        return value;
    }

    private boolean inRange(double v) {
        return Double.isFinite(v) && (minExclusive ? v > min : v >= min) && v <= max;
    }
}
