package org.cnnworkbench.api;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The validated parameter values of one extension in one experiment: every declared parameter
 * is present with its type (given, or its default), paths are resolved against the experiment
 * file's folder. Plugins receive it; only the engine creates it. Immutable.
 */
public final class Params {
    private final Map<String, Object> values;

    /** Used by the engine after validation; values are Integer, Double, Boolean, String or Path. */
    public Params(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static Params empty() {
        return new Params(Map.of());
    }

    /** Whether the parameter has a value (optional parameters without a default may not). */
    public boolean has(String name) {
        return values.get(name) != null;
    }

    public int getInt(String name) {
        return ((Number) require(name)).intValue();
    }

    public double getDouble(String name) {
        return ((Number) require(name)).doubleValue();
    }

    public boolean getBoolean(String name) {
        return (Boolean) require(name);
    }

    public String getString(String name) {
        return require(name).toString();
    }

    public Path getPath(String name) {
        return (Path) require(name);
    }

    /** All values, for recording; paths as given after resolution. */
    public Map<String, Object> asMap() {
        return values;
    }

    private Object require(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new NoSuchElementException("parameter '" + name + "' has no value; declared: " + values.keySet());
        }
        return value;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
